package cloud.nextmcp.router.wake;

import cloud.nextmcp.core.autoscale.SleepState;
import cloud.nextmcp.core.db.DatabaseOutage;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.router.routes.Route;
import cloud.nextmcp.router.routes.RouteTable;
import cloud.nextmcp.router.snapshots.NotifiedSnapshot;
import io.netty.util.concurrent.EventExecutor;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scale from zero at the edge. A request for an autoscaled app with no live instance is held here (per app,
 * at most {@link #HOLD_CAPACITY}, for at most the request timeout) while a wake is asked for; the held
 * requests are released the moment a route reload (NOTIFY {@code routes}) shows a healthy instance, and
 * refused 503 when the autoscaler reports the wake failed (NOTIFY {@code autoscale}). Also counts each
 * autoscaled app's traffic for the {@link LoadReporter}.
 */
public final class Wakes implements ScaleFromZero, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Wakes.class);
    /** Requests held per app and router; more are refused with Retry-After. */
    public static final int HOLD_CAPACITY = 100;

    /** What became of a request offered for holding. */
    public sealed interface Admission permits Held, Full, NotAutoscaled {
    }

    /** Held: the ticket ends it (cancel it when the client goes away). */
    public record Held(Ticket ticket) implements Admission {
    }

    /** Too many requests wait already. */
    public record Full() implements Admission {
    }

    /** The app does not autoscale: no instance means 503 as before. */
    public record NotAutoscaled() implements Admission {
    }

    private final Supplier<RouteTable> routes;
    private final Duration holdTimeout;
    private final Duration reportInterval;
    private final NotifiedSnapshot<Sleepers> sleepers;
    private final Map<Long, HoldQueue> queues = new ConcurrentHashMap<>();
    private final Map<Long, AppActivity> activity = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread;
    private final LoadReporter reporter;

    public Wakes(Jdbi jdbi, EventBus events, Supplier<RouteTable> routes, Duration holdTimeout, Duration reloadInterval,
                 Duration reportInterval) {
        this.routes = routes;
        this.holdTimeout = holdTimeout;
        this.reportInterval = reportInterval;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "router-wakes");
            t.setDaemon(true);
            return t;
        });
        this.reporter = new LoadReporter(jdbi, routerId(), thread);
        this.sleepers = new NotifiedSnapshot<>(new NotifiedSnapshot.Source<>("autoscaled apps", Channels.AUTOSCALE,
                previous -> Sleepers.load(jdbi), previous -> previous.apps().size() + " autoscaled apps"), Sleepers.NONE,
                events, reloadInterval, this::sleepersChanged);
    }

    public void start() {
        sleepers.start();
        long every = reportInterval.toMillis();
        thread.scheduleWithFixedDelay(this::report, every, every, TimeUnit.MILLISECONDS);
    }

    private void report() {
        try {
            reporter.report(activity, this::waiting, sleepers::current);
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep reporting.
            DatabaseOutage.logFailure(LOG, "Reporting the load of autoscaled apps failed; trying again in " + reportInterval, e);
        }
    }

    @Override
    public AppActivity activity(long appId) {
        if (sleepers.current().get(appId) == null) {
            return null;
        }
        return activity.computeIfAbsent(appId, k -> new AppActivity());
    }

    @Override
    public Admission hold(Route route, EventExecutor loop, Runnable release, Consumer<String> refuse) {
        Sleepers.Entry entry = sleepers.current().get(route.appId());
        if (entry == null) {
            return new NotAutoscaled();
        }
        HoldQueue queue = queues.computeIfAbsent(route.appId(), k -> new HoldQueue(HOLD_CAPACITY, route.appName(),
                entry.state() == SleepState.WAKE_FAILED ? entry.changedAt() : null));
        Ticket ticket = new Ticket(queue, loop, release, refuse);
        int position = queue.offer(ticket);
        if (position == 0) {
            return new Full();
        }
        ticket.expireAfter(holdTimeout.toNanos(), "App " + route.appName() + " did not wake within "
                + holdTimeout.toSeconds() + " s; try again shortly.");
        if (position == 1) {
            // The first request held since the queue was last emptied asks for the wake; the rest ride on it.
            reporter.requestWake(route.appId(), position);
        }
        // The route may have come back between the caller's look-up and this hold.
        if (live(routes.get(), route.appId(), route.appName())) {
            releaseAll(route.appId());
        }
        return new Held(ticket);
    }

    /** Called after every route reload: releases the requests of apps that have a healthy instance now. */
    public void routesChanged(RouteTable table) {
        for (Map.Entry<Long, HoldQueue> e : queues.entrySet()) {
            if (e.getValue().size() > 0 && live(table, e.getKey(), e.getValue().appName())) {
                releaseAll(e.getKey());
            }
        }
    }

    private void sleepersChanged(Sleepers now) {
        for (Map.Entry<Long, HoldQueue> e : queues.entrySet()) {
            Sleepers.Entry entry = now.get(e.getKey());
            if (entry == null) {
                // Autoscaling turned off while requests waited: the fixed formation answers them or nothing does.
                e.getValue().drain().forEach(t -> t.refuse("The app is not running; autoscaling was turned off."));
            } else if (entry.state() == SleepState.WAKE_FAILED) {
                e.getValue().drainForFailure(entry.changedAt())
                        .forEach(t -> t.refuse("The app could not be started; its log says why (nextmcp logs)."));
            }
        }
        activity.keySet().retainAll(now.apps().keySet());
    }

    private void releaseAll(long appId) {
        HoldQueue queue = queues.get(appId);
        if (queue != null) {
            queue.drain().forEach(Ticket::release);
        }
    }

    private static boolean live(RouteTable table, long appId, String appName) {
        Route now = table.forAppName(appName);
        return now != null && now.appId() == appId && !now.backends().isEmpty();
    }

    private int waiting(long appId) {
        HoldQueue q = queues.get(appId);
        return q == null ? 0 : q.size();
    }

    /** The route a released request goes to: the one for its host in the new table, else the app's production route. */
    public static Route fresh(RouteTable table, String host, Route held) {
        Route r = table.forHost(host);
        if (r == null || r.appId() != held.appId()) {
            r = table.forAppName(held.appName());
        }
        return r != null && r.appId() == held.appId() ? r : null;
    }

    private static String routerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "router";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void close() {
        sleepers.close();
        thread.shutdownNow();
        queues.values().forEach(q -> q.drain().forEach(t -> t.refuse("The router is stopping; try again.")));
    }
}
