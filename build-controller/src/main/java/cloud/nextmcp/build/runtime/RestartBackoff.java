package cloud.nextmcp.build.runtime;

import java.time.Duration;

/**
 * When a crashed instance starts again: {@code base} after its first crash, doubling with each crash in
 * a row up to {@code max}. An instance that ran longer than {@code max} before crashing starts a new row.
 */
record RestartBackoff(Duration base, Duration max) {

    /** How many crashes in a row this one makes, given the count so far and how long the process ran. */
    int crashesInARow(int before, Duration ran) {
        return ran.compareTo(max) > 0 ? 1 : before + 1;
    }

    /** The wait before the restart that follows {@code crashesInARow} crashes in a row (at least 1). */
    Duration delay(int crashesInARow) {
        Duration delay = base.multipliedBy(1L << Math.min(Math.max(crashesInARow, 1) - 1, 20));
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
