package cloud.nextmcp.build.runtime;

import cloud.nextmcp.build.runtime.InstanceLauncher.Launch;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/** Starts an instance's process and records it: a new slot ({@code web.N}), or a new process for a crashed one. */
final class InstanceStarter {
    private final InstanceLauncher launcher;
    private final InstanceTable table;

    InstanceStarter(InstanceLauncher launcher, InstanceTable table) {
        this.launcher = launcher;
        this.table = table;
    }

    Instance start(Launch launch, int index) throws IOException, InterruptedException {
        String name = "web." + index;
        InstanceProcess process = launcher.start(launch, name);
        Instance instance = new Instance(launch.appId() + "-v" + launch.version() + "-" + name + "-"
                + UUID.randomUUID().toString().substring(0, 8), index, process);
        table.starting(instance.id, launch.appId(), launch.version(), index, process.port(), process.pid());
        return instance;
    }

    /** Gives a crashed slot a new process; the row counts one more restart. */
    InstanceProcess restart(Instance instance, Launch launch) throws IOException, InterruptedException {
        InstanceProcess process = launcher.start(launch, instance.name());
        instance.process = process;
        instance.startedAt = Instant.now();
        instance.phase = Instance.Phase.RUNNING;
        table.restarting(instance.id, process.port(), process.pid());
        return process;
    }
}
