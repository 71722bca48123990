package cloud.nextmcp.build.runtime;

import cloud.nextmcp.build.runtime.InstanceLauncher.Launch;
import java.time.Duration;
import java.time.Instant;

/** Waits, up to the health timeout, for an instance's process to pass its release's health check. */
final class Readiness {
    private final HealthCheck health;
    private final Duration timeout;

    Readiness(HealthCheck health, Duration timeout) {
        this.health = health;
        this.timeout = timeout;
    }

    HealthCheck.Result await(InstanceProcess process, Launch launch, Instant since) throws InterruptedException {
        return health.await(process, launch.artifact().healthPath(), since, timeout);
    }
}
