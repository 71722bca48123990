package cloud.nextmcp.router.metrics;

import cloud.nextmcp.router.metrics.RouterMetrics.McpKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Which method/tool pairs of one app have their own metric series: at most {@code cap}, the most
 * called ones. Clients choose the names, so a client sending junk names first must not push the
 * app's real tools into {@code other} for good. The first pairs seen get series; calls beyond the
 * cap count as {@code other} and are tallied in a small heavy-hitters table (space-saving with
 * 2 × cap entries). Once per period, a tallied pair surely called more often in that period than
 * the least called labelled pair takes its place: the displaced series is dropped (Prometheus sees
 * it end) and the new one starts from zero. Only calls that miss a labelled series take the lock.
 */
final class McpLabels {
    private final int cap;
    private final long periodNanos;
    private final LongSupplier nanoClock;
    /** The labelled pairs and their call count when the period started. */
    private final Map<McpKey, Long> labelled = new HashMap<>();
    /** Heavy hitters among the unlabelled pairs this period: {count, possible overcount}. */
    private final Map<McpKey, long[]> tally = new HashMap<>();
    private long periodStart;

    McpLabels(int cap, long periodNanos, LongSupplier nanoClock) {
        this.cap = cap;
        this.periodNanos = periodNanos;
        this.nanoClock = nanoClock;
        this.periodStart = nanoClock.getAsLong();
    }

    /**
     * A call of {@code key}, which has no series in {@code series}: gives it one if there is room
     * (returning it), else tallies it and returns null (the caller counts it as other). May move
     * series in and out of {@code series} when a period has ended.
     */
    synchronized McpCallMetrics admitOrTally(McpKey key, Map<McpKey, McpCallMetrics> series) {
        McpCallMetrics existing = series.get(key);
        if (existing != null) {
            return existing; // admitted by another thread meanwhile
        }
        if (labelled.size() < cap) {
            return admit(key, series);
        }
        tally(key);
        long now = nanoClock.getAsLong();
        if (now - periodStart >= periodNanos) {
            rebalance(series);
            periodStart = now;
        }
        return series.get(key);
    }

    private McpCallMetrics admit(McpKey key, Map<McpKey, McpCallMetrics> series) {
        McpCallMetrics m = new McpCallMetrics();
        series.put(key, m);
        labelled.put(key, 0L);
        return m;
    }

    private void tally(McpKey key) {
        long[] t = tally.get(key);
        if (t != null) {
            t[0]++;
        } else if (tally.size() < 2 * cap) {
            tally.put(key, new long[] {1, 0});
        } else {
            // Space-saving: the newcomer replaces the least tallied pair and inherits its count as a
            // possible overcount, so that a flood of one-off names cannot look called often.
            Map.Entry<McpKey, long[]> least = tally.entrySet().stream().min(Comparator.comparingLong(e -> e.getValue()[0])).orElseThrow();
            tally.remove(least.getKey());
            tally.put(key, new long[] {least.getValue()[0] + 1, least.getValue()[0]});
        }
    }

    private void rebalance(Map<McpKey, McpCallMetrics> series) {
        List<Map.Entry<McpKey, Long>> recent = new ArrayList<>();
        for (Map.Entry<McpKey, Long> e : labelled.entrySet()) {
            McpCallMetrics m = series.get(e.getKey());
            recent.add(Map.entry(e.getKey(), m == null ? 0 : m.calls() - e.getValue()));
        }
        recent.sort(Map.Entry.comparingByValue());
        List<Map.Entry<McpKey, Long>> contenders = new ArrayList<>();
        tally.forEach((k, t) -> contenders.add(Map.entry(k, t[0] - t[1]))); // calls it surely had
        contenders.sort(Map.Entry.<McpKey, Long>comparingByValue(Comparator.reverseOrder()));
        int weakest = 0;
        for (Map.Entry<McpKey, Long> c : contenders) {
            if (weakest >= recent.size() || c.getValue() <= recent.get(weakest).getValue()) {
                break;
            }
            McpKey out = recent.get(weakest++).getKey();
            labelled.remove(out);
            series.remove(out);
            admit(c.getKey(), series);
        }
        tally.clear();
        labelled.replaceAll((k, start) -> {
            McpCallMetrics m = series.get(k);
            return m == null ? 0 : m.calls();
        });
    }
}
