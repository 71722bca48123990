package cloud.nextmcp.build.runtime;

import java.time.Instant;

/**
 * One slot of the web formation ({@code web.N}) of a release. Its process is replaced when it
 * crashes; the slot, its row and its restart count stay. Changed only on the app's serial executor,
 * except that the stopping side reads {@code phase} and {@code process}.
 */
final class Instance {
    /** The slot's life, as the app's supervisor sees it. */
    enum Phase {
        /** Its process runs (starting or healthy: the row says which). */
        RUNNING,
        /** Its process exited on its own; a restart is scheduled. */
        CRASHED,
        /** Taken out of service for good: nothing restarts it. */
        RETIRED
    }

    final String id;
    final int index;
    volatile InstanceProcess process;
    volatile Instant startedAt;
    volatile Phase phase = Phase.RUNNING;
    int crashesInARow;

    Instance(String id, int index, InstanceProcess process) {
        this.id = id;
        this.index = index;
        this.process = process;
        this.startedAt = Instant.now();
    }

    String name() {
        return "web." + index;
    }

    boolean retired() {
        return phase == Phase.RETIRED;
    }
}
