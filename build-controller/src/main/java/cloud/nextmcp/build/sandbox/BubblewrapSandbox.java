package cloud.nextmcp.build.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Confines processes with bubblewrap: the host file system read-only, a private /tmp, /dev and
 * /proc of their own, own pid/ipc/uts namespaces, the {@code hidden} paths (the platform's data
 * directory) replaced by empty tmpfs, and only the spec's binds writable. The process dies with
 * the JVM that started it.
 */
public final class BubblewrapSandbox implements Sandbox {
    private final Path bwrap;

    public BubblewrapSandbox(Path bwrap) {
        this.bwrap = bwrap;
    }

    @Override
    public ProcessBuilder processBuilder(SandboxSpec spec) {
        ProcessBuilder pb = new ProcessBuilder(arguments(spec));
        pb.environment().clear();
        pb.environment().putAll(spec.env());
        pb.directory(spec.workDir().toFile());
        return pb;
    }

    List<String> arguments(SandboxSpec spec) {
        List<String> args = new ArrayList<>(List.of(bwrap.toString(),
                "--ro-bind", "/", "/",
                "--dev", "/dev",
                "--proc", "/proc",
                "--tmpfs", "/tmp",
                "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                "--hostname", "nextmcp",
                "--die-with-parent", "--new-session"));
        if (!spec.network()) {
            args.add("--unshare-net");
        }
        // bwrap applies mounts in order: a parent (e.g. the hidden data directory) must come
        // before the paths inside it that are bound back in (e.g. the build's workspace).
        List<Mount> mounts = new ArrayList<>();
        spec.hidden().forEach(p -> mounts.add(new Mount("--tmpfs", null, p)));
        spec.readOnly().forEach(p -> mounts.add(new Mount("--ro-bind", p, p)));
        spec.writable().forEach(p -> mounts.add(new Mount("--bind", p, p)));
        mounts.sort(Comparator.comparingInt(m -> m.target().toAbsolutePath().normalize().getNameCount()));
        for (Mount m : mounts) {
            args.add(m.option());
            if (m.source() != null) {
                args.add(m.source().toAbsolutePath().normalize().toString());
            }
            args.add(m.target().toAbsolutePath().normalize().toString());
        }
        args.add("--chdir");
        args.add(spec.workDir().toAbsolutePath().normalize().toString());
        args.add("--");
        args.addAll(spec.command());
        return args;
    }

    @Override
    public boolean confining() {
        return true;
    }

    private record Mount(String option, Path source, Path target) {
    }
}
