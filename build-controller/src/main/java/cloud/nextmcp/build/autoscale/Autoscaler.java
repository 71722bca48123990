package cloud.nextmcp.build.autoscale;

import cloud.nextmcp.build.logs.LogWriter;
import cloud.nextmcp.core.autoscale.AppLoad;
import cloud.nextmcp.core.autoscale.AppLoadDao;
import cloud.nextmcp.core.autoscale.AutoscaleSettings;
import cloud.nextmcp.core.autoscale.AutoscaleSettingsDao;
import cloud.nextmcp.core.autoscale.AutoscaleState;
import cloud.nextmcp.core.autoscale.AutoscaleStateDao;
import cloud.nextmcp.core.autoscale.SleepState;
import cloud.nextmcp.core.db.DatabaseOutage;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs beside a runtime: on every wake request (NOTIFY {@code wakes}) for that app and every interval
 * for all autoscaled apps, reads the routers' summed load and lets {@link AutoscalePolicy} decide the
 * count. Each app's decision is taken under a transaction-scoped advisory lock, so with several builder
 * replicas one decides at a time and a wake request is acted on by whichever hears it first.
 */
public final class Autoscaler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Autoscaler.class);
    /** First key of the advisory lock pair (the app id is the second): "as" in ASCII. */
    private static final int LOCK_SPACE = 0x6173;

    private final Jdbi jdbi;
    private final EventBus events;
    /** Closed with the autoscaler: it lives one leadership term, the event bus the whole process. */
    private EventBus.Subscription wakes;
    private final AutoscaleConfig config;
    private final Clock clock;
    private final AutoscalePolicy policy;
    private final AutoscaleStates states;
    private final LogWriter logs;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "autoscaler");
        t.setDaemon(true);
        return t;
    });

    public Autoscaler(Jdbi jdbi, EventBus events, AutoscaleConfig config, Clock clock) {
        this.jdbi = jdbi;
        this.events = events;
        this.config = config;
        this.clock = clock;
        this.policy = new AutoscalePolicy(clock, config.scaleDownWindow());
        this.states = new AutoscaleStates(jdbi);
        this.logs = new LogWriter(jdbi, 1000);
    }

    public void start() {
        wakes = events.subscribe(Channels.WAKES, new EventBus.Subscriber() {
            @Override
            public void onNotification(String payload) {
                try {
                    long appId = Long.parseLong(payload.strip());
                    submit(() -> decideLogged(appId));
                } catch (NumberFormatException e) {
                    LOG.warn("Ignoring '{}' on channel {}: not an app id", payload, Channels.WAKES);
                }
            }

            @Override
            public void resync() {
                submit(Autoscaler.this::decideAll);
            }
        });
        long every = config.interval().toMillis();
        thread.scheduleWithFixedDelay(this::decideAll, every, every, TimeUnit.MILLISECONDS);
    }

    private void submit(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            // Closed: the platform is stopping; the next leader decides from the rows.
            LOG.debug("Autoscaler stopped; not deciding", e);
        }
    }

    private void decideAll() {
        try {
            jdbi.useHandle(h -> h.attach(AutoscaleStateDao.class).removeOrphans());
            for (AutoscaleSettings s : jdbi.withExtension(AutoscaleSettingsDao.class, AutoscaleSettingsDao::all)) {
                decideLogged(s.appId());
            }
        } catch (RuntimeException e) {
            if (DatabaseOutage.causedBy(e)) {
                LOG.warn("Autoscaler could not read the apps: {}; retrying in {}", DatabaseOutage.MESSAGE, config.interval());
            } else {
                LOG.error("Autoscaler could not read the apps; retrying in {}", config.interval(), e);
            }
        }
    }

    private void decideLogged(long appId) {
        try {
            decide(appId);
        } catch (RuntimeException e) {
            if (DatabaseOutage.causedBy(e)) {
                LOG.warn("Autoscaling app {} failed: {}", appId, DatabaseOutage.MESSAGE);
            } else {
                LOG.error("Autoscaling app {} failed; the next interval retries", appId, e);
            }
        }
    }

    /** One app, under its advisory lock; the app's log tells every change and why. */
    void decide(long appId) {
        Optional<String> message = jdbi.inTransaction(h -> {
            if (!h.createQuery("SELECT pg_try_advisory_xact_lock(:space, :app)").bind("space", LOCK_SPACE)
                    .bind("app", (int) appId).mapTo(Boolean.class).one()) {
                return Optional.<String>empty();
            }
            Optional<AutoscaleSettings> settings = h.attach(AutoscaleSettingsDao.class).find(appId);
            if (settings.isEmpty()) {
                policy.forget(appId);
                return Optional.<String>empty();
            }
            return decide(h, settings.get());
        });
        message.ifPresent(m -> {
            LOG.info("App {}: {}", appId, m);
            logs.append(appId, "platform", m);
        });
    }

    private Optional<String> decide(Handle h, AutoscaleSettings s) {
        long appId = s.appId();
        Optional<AutoscaleState> stored = h.attach(AutoscaleStateDao.class).find(appId);
        AppLoad load = h.attach(AppLoadDao.class).of(appId, clock.instant().minus(config.sampleFreshness()))
                .orElse(AppLoad.none(appId));
        int healthy = h.createQuery("SELECT count(*) FROM instances WHERE app_id = :app AND process_type = 'web' AND state = 'healthy'")
                .bind("app", appId).mapTo(Integer.class).one();
        if (stored.isEmpty()) {
            // Just turned on: keep what runs (within min and max) and start the idle period now.
            boolean sleeping = healthy == 0 && s.scalesToZero();
            int replicas = sleeping ? 0 : s.clamp(Math.max(healthy, 1));
            states.put(h, appId, replicas, sleeping ? SleepState.ASLEEP : SleepState.AWAKE, null);
            return Optional.of("Autoscaling on: web between " + s.minInstances() + " and " + s.maxInstances()
                    + ", target " + s.targetConcurrency() + " requests in flight per instance"
                    + (s.scalesToZero() ? ", asleep after " + AutoscalePolicy.human(s.idle()) + " idle" : ""));
        }
        AutoscaleState st = stored.get();
        AutoscalePolicy.Current now = new AutoscalePolicy.Current(st.replicas(), st.state(), st.changedAt(), healthy);
        AutoscalePolicy.Decision d = policy.decide(s, now, load);
        if (d.replicas() == st.replicas() && d.state() == st.state()) {
            return Optional.empty();
        }
        states.put(h, appId, d.replicas(), d.state(), d.state() == SleepState.WAKE_FAILED ? st.reason() : null);
        return Optional.ofNullable(describe(now, d));
    }

    private static String describe(AutoscalePolicy.Current before, AutoscalePolicy.Decision d) {
        if (d.why() == null) {
            return null;
        }
        if (d.state() == SleepState.ASLEEP) {
            return "Asleep: " + d.why() + "; the next request wakes it";
        }
        if (before.replicas() == 0) {
            return "Waking (web × " + d.replicas() + "): " + d.why();
        }
        return "Autoscaling web from " + before.replicas() + " to " + d.replicas() + ": " + d.why();
    }

    @Override
    public void close() {
        if (wakes != null) {
            wakes.close();
        }
        thread.shutdownNow();
        logs.close();
    }
}
