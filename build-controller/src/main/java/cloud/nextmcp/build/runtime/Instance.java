package cloud.nextmcp.build.runtime;

import java.time.Instant;

/**
 * One slot of the web formation ({@code web.N}) of a release. Its process is replaced when it
 * crashes; the slot, its row and its restart count stay. Changed only on the app's serial executor,
 * except that the stopping side reads {@code retired} and {@code process}.
 */
final class Instance {
    final String id;
    final int index;
    volatile InstanceProcess process;
    volatile Instant startedAt;
    int consecutiveCrashes;
    volatile boolean retired;

    Instance(String id, int index, InstanceProcess process) {
        this.id = id;
        this.index = index;
        this.process = process;
        this.startedAt = Instant.now();
    }

    String name() {
        return "web." + index;
    }
}
