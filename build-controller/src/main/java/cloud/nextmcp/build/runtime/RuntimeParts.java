package cloud.nextmcp.build.runtime;

import cloud.nextmcp.build.artifacts.ArtifactStore;
import cloud.nextmcp.build.logs.LogWriter;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.releases.ConfigVars;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.jdbi.v3.core.Jdbi;

/** What every app supervisor of one runtime shares. */
record RuntimeParts(RuntimeConfig config, Jdbi jdbi, ArtifactStore artifacts, ConfigVars configVars,
                    PublicEndpoints endpoints, InstanceLauncher launcher, HealthCheck health, InstanceTable table,
                    ReleaseSwitch releaseSwitch, LogWriter logs, ExecutorService workers,
                    ScheduledExecutorService timers, Entitlements entitlements) {
}
