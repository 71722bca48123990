package cloud.nextmcp.build.autoscale;

import cloud.nextmcp.core.autoscale.AppLoad;
import cloud.nextmcp.core.autoscale.AutoscaleSettings;
import cloud.nextmcp.core.autoscale.SleepState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides how many web instances an autoscaled app runs, from its settings and the routers' summed
 * load. Up at once (a burst should not wait), down slowly: the count only falls to the highest
 * recommendation of the last {@code scaleDownWindow}, as Kubernetes' HPA stabilizes; to zero only after
 * the idle period without a request or an open stream. Pure apart from the recommendations it
 * remembers per app, and its clock.
 */
public final class AutoscalePolicy {
    /** What to run and how to call it. */
    public record Decision(int replicas, SleepState state, String why) {
    }

    /** Where the app stands now: the decided count, its state, when that changed, and how many instances are healthy. */
    public record Current(int replicas, SleepState state, Instant changedAt, int healthy) {
    }

    private record Recommendation(Instant at, int replicas) {
    }

    private final Clock clock;
    private final Duration scaleDownWindow;
    private final Map<Long, Deque<Recommendation>> history = new HashMap<>();

    public AutoscalePolicy(Clock clock, Duration scaleDownWindow) {
        this.clock = clock;
        this.scaleDownWindow = scaleDownWindow;
    }

    public synchronized Decision decide(AutoscaleSettings s, Current now, AppLoad load) {
        Instant at = clock.instant();
        int byLoad = ceilDiv(load.inFlight() + load.waiting(), s.targetConcurrency());
        if (now.replicas() == 0) {
            history.remove(s.appId());
            if (wakeAsked(now, load)) {
                return new Decision(s.clamp(Math.max(1, byLoad)), SleepState.WAKING, "a request arrived");
            }
            if (s.minInstances() > 0) {
                return new Decision(s.minInstances(), SleepState.WAKING, "min is " + s.minInstances());
            }
            return new Decision(0, now.state() == SleepState.AWAKE ? SleepState.ASLEEP : now.state(), null);
        }
        SleepState state = now.state() == SleepState.WAKING && now.healthy() == 0 ? SleepState.WAKING : SleepState.AWAKE;
        if (s.scalesToZero() && idle(s, load, now.changedAt(), at) && state == SleepState.AWAKE) {
            history.remove(s.appId());
            return new Decision(0, SleepState.ASLEEP, "no request or open stream for " + human(s.idle()));
        }
        int wanted = s.clamp(Math.max(1, byLoad));
        Deque<Recommendation> recent = history.computeIfAbsent(s.appId(), k -> new ArrayDeque<>());
        recent.addLast(new Recommendation(at, wanted));
        while (!recent.isEmpty() && recent.peekFirst().at().isBefore(at.minus(scaleDownWindow))) {
            recent.removeFirst();
        }
        if (wanted > now.replicas()) {
            return new Decision(wanted, state, load.inFlight() + load.waiting() + " requests in flight, target "
                    + s.targetConcurrency() + " per instance");
        }
        int stabilized = recent.stream().mapToInt(Recommendation::replicas).max().orElse(wanted);
        int next = s.clamp(Math.min(now.replicas(), stabilized));
        String why = next < now.replicas() ? "load below target for " + human(scaleDownWindow) : null;
        return new Decision(next, state, why);
    }

    /**
     * True when no request and no stream is open, and neither the last request nor the last change
     * (a wake, autoscaling turned on) is more recent than the idle period.
     */
    static boolean idle(AutoscaleSettings s, AppLoad load, Instant changedAt, Instant now) {
        if (load.busy()) {
            return false;
        }
        Instant last = changedAt;
        if (load.lastRequestAt() != null && (last == null || load.lastRequestAt().isAfter(last))) {
            last = load.lastRequestAt();
        }
        return last == null || !last.plus(s.idle()).isAfter(now);
    }

    /** A wake request newer than the last change: a wake that failed is not retried by the same old request. */
    private static boolean wakeAsked(Current now, AppLoad load) {
        Instant asked = load.wakeRequestedAt();
        return asked != null && (now.changedAt() == null || asked.isAfter(now.changedAt()));
    }

    /** Forgets an app that no longer autoscales. */
    public synchronized void forget(long appId) {
        history.remove(appId);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + " h";
        }
        return s % 60 == 0 && s > 0 ? s / 60 + " min" : s + " s";
    }
}
