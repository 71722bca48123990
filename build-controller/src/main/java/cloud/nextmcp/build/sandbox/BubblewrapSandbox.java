package cloud.nextmcp.build.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Confines processes with bubblewrap: the host file system read-only, a private /tmp, /dev and
 * /proc of their own, own pid/ipc/uts namespaces, the {@code hidden} paths (the platform's data
 * directory, home directories) replaced by empty tmpfs, and only the spec's binds writable. With a
 * {@link NetworkJail}, each sandbox also gets its own network namespace, whose egress rules are
 * loaded before the command starts. The command then runs as the spec's unprivileged user with
 * no capabilities and {@code no_new_privs}, with its own environment and nothing else's. The
 * process dies with the thread that started it.
 */
public final class BubblewrapSandbox implements Sandbox {
    private static final String LAUNCHER_PATH = "/usr/sbin:/usr/bin:/sbin:/bin";
    private static final List<Path> HOMES = List.of(Path.of("/root"), Path.of("/home"));
    private static final long CHILD_WAIT_MILLIS = 5_000;

    private final Path bwrap;
    private final Optional<NetworkJail> jail;
    private final EgressRules egress;
    private final Optional<Path> resolvConf;
    private final SandboxUsers users;
    private final boolean outboundAllowed;

    BubblewrapSandbox(Path bwrap, Optional<NetworkJail> jail, EgressRules egress, Optional<Path> resolvConf,
                      SandboxUsers users, boolean outboundAllowed) {
        this.bwrap = bwrap;
        this.jail = jail;
        this.egress = egress;
        this.resolvConf = resolvConf;
        this.users = users;
        this.outboundAllowed = outboundAllowed;
    }

    @Override
    public SandboxUser userFor(long appId) {
        return users.forApp(appId);
    }

    @Override
    public Process start(SandboxSpec requested, ProcessStarter starter) throws IOException, InterruptedException {
        SandboxSpec spec = outboundAllowed ? requested : new SandboxSpec(requested.command(), requested.workDir(),
                requested.readOnly(), requested.writable(), requested.hidden(), requested.env(),
                new SandboxNetwork(false, requested.network().inboundPort()), requested.user());
        for (Path writable : spec.writable()) {
            FileOwners.give(writable, spec.user());
        }
        ProcessBuilder pb = new ProcessBuilder(arguments(spec));
        pb.environment().clear();
        pb.environment().put("PATH", LAUNCHER_PATH);
        pb.directory(new File("/"));
        pb.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = starter.start(pb);
        if (jailed(spec)) {
            try {
                jail.get().attach(process, sandboxPid(process), spec.network(), !spec.user().switches());
            } catch (IOException e) {
                String output = printedSoFar(process);
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IOException(e.getMessage() + (output.isEmpty() ? "" : "; the sandbox said: " + output), e);
            } catch (InterruptedException | RuntimeException e) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw e;
            }
        }
        return process;
    }

    /** What a process has printed so far, without waiting for more. */
    private static String printedSoFar(Process process) throws IOException {
        int available = process.getInputStream().available();
        byte[] bytes = process.getInputStream().readNBytes(Math.min(available, 4096));
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8).strip();
    }

    /** Whether this sandbox gets pasta: only a sandbox that talks to something beyond its own loopback needs it. */
    private boolean jailed(SandboxSpec spec) {
        return jail.isPresent() && (spec.network().outbound() || spec.network().inboundPort() > 0);
    }

    List<String> arguments(SandboxSpec spec) {
        List<String> args = new ArrayList<>(List.of(bwrap.toString(),
                "--ro-bind", "/", "/",
                "--dev", "/dev",
                "--proc", "/proc",
                "--perms", "1777", "--tmpfs", "/tmp",
                "--perms", "1777", "--tmpfs", "/var/tmp",
                "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                "--hostname", "nextmcp",
                "--die-with-parent", "--new-session"));
        if (!spec.user().switches()) {
            // Not root: a user namespace gives bwrap its mounts; these two capabilities only live until
            // the launcher has loaded the egress rules and dropped every capability.
            args.addAll(List.of("--unshare-user", "--cap-add", "CAP_SETPCAP", "--cap-add", "CAP_NET_ADMIN"));
        }
        boolean jailed = jailed(spec);
        boolean sharesHostNetwork = !jailed && (spec.network().outbound() || spec.network().inboundPort() > 0);
        if (!sharesHostNetwork) {
            args.add("--unshare-net");
        }
        mounts(spec, args);
        if (jailed && spec.network().outbound() && resolvConf.isPresent()) {
            args.addAll(List.of("--ro-bind", resolvConf.get().toString(), resolvConfTarget()));
        }
        args.addAll(List.of("--chdir", spec.workDir().toAbsolutePath().normalize().toString(), "--", "/bin/sh", "-c"));
        if (jailed) {
            args.add("printf '%s\\n' \"$1\" | nft -f - || exit 125; shift; t=$(printf '\\t'); n=0; "
                    + "until grep -q \"^" + NetworkJail.INTERFACE + "${t}00000000\" /proc/net/route; do n=$((n+1)); "
                    + "[ $n -gt 1000 ] && { echo 'nextmcp: the sandbox network did not come up' >&2; exit 124; }; "
                    + "sleep 0.01; done; exec \"$@\"");
            args.add("nextmcp-sandbox");
            args.add(egress.ruleset(spec.network().outbound()));
        } else {
            args.add("exec \"$@\"");
            args.add("nextmcp-sandbox");
        }
        args.addAll(dropPrivileges(spec.user()));
        args.add("--");
        args.add("/usr/bin/env");
        args.add("-i");
        new TreeMap<>(spec.env()).forEach((name, value) -> args.add(name + "=" + value));
        args.addAll(spec.command());
        return args;
    }

    private static List<String> dropPrivileges(SandboxUser user) {
        List<String> args = new ArrayList<>(List.of("setpriv"));
        if (user.switches()) {
            args.addAll(List.of("--reuid=" + user.uid(), "--regid=" + user.gid(), "--clear-groups"));
        }
        args.addAll(List.of("--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"));
        return args;
    }

    /**
     * bwrap applies mounts in order: a parent (the hidden data directory) must come before paths
     * bound back inside it. The directories leading to such a bind are made world-searchable:
     * bwrap would create them 0700 for root, and the sandbox's user could not reach its binds.
     */
    private static void mounts(SandboxSpec spec, List<String> args) {
        List<Mount> mounts = new ArrayList<>();
        HOMES.stream().filter(Files::isDirectory).forEach(p -> mounts.add(new Mount("--tmpfs", null, p)));
        spec.hidden().forEach(p -> mounts.add(new Mount("--tmpfs", null, p)));
        spec.readOnly().forEach(p -> mounts.add(new Mount("--ro-bind", p, p)));
        spec.writable().forEach(p -> mounts.add(new Mount("--bind", p, p)));
        mounts.sort(Comparator.comparingInt(m -> m.target().getNameCount()));
        List<Path> tmpfs = new ArrayList<>(List.of(Path.of("/tmp"), Path.of("/var/tmp")));
        Set<Path> made = new HashSet<>();
        for (Mount m : mounts) {
            if (m.source() == null) {
                tmpfs.add(m.target());
            } else {
                for (Path dir : directoriesInTmpfs(m.target(), tmpfs)) {
                    if (made.add(dir)) {
                        args.addAll(List.of("--perms", "0755", "--dir", dir.toString()));
                    }
                }
            }
            args.add(m.option());
            if (m.source() != null) {
                args.add(m.source().toString());
            }
            args.add(m.target().toString());
        }
    }

    /** The parents of {@code target} that lie below one of the tmpfs mounts (and so would be made by bwrap), outermost first. */
    private static List<Path> directoriesInTmpfs(Path target, List<Path> tmpfs) {
        Path root = tmpfs.stream().filter(t -> target.startsWith(t) && !target.equals(t))
                .max(Comparator.comparingInt(Path::getNameCount)).orElse(null);
        List<Path> dirs = new ArrayList<>();
        if (root == null) {
            return dirs;
        }
        for (Path p = target.getParent(); p != null && !p.equals(root); p = p.getParent()) {
            dirs.add(0, p);
        }
        return dirs;
    }

    /** /etc/resolv.conf is often a link into /run; the bind must land on the file it names. */
    private static String resolvConfTarget() {
        try {
            return Path.of("/etc/resolv.conf").toRealPath().toString();
        } catch (IOException e) {
            return "/etc/resolv.conf";
        }
    }

    /**
     * bwrap's first process inside the new namespaces, once it has finished setting the sandbox up
     * (it has started the command): while bwrap changes its own credentials its namespaces cannot
     * be opened, and pasta would fail. The command's own processes cannot be used: pasta, which
     * drops its capabilities, may not open their namespaces.
     */
    private static long sandboxPid(Process bwrapProcess) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CHILD_WAIT_MILLIS);
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> child = bwrapProcess.children()
                    .filter(p -> p.children().findAny().isPresent())
                    .findFirst();
            if (child.isPresent()) {
                return child.get().pid();
            }
            if (!bwrapProcess.isAlive()) {
                String output = new String(bwrapProcess.getInputStream().readAllBytes()).strip();
                throw new IOException("bubblewrap exited with status " + bwrapProcess.exitValue() + ": " + output);
            }
            Thread.sleep(1);
        }
        throw new IOException("bubblewrap did not start the sandbox within " + CHILD_WAIT_MILLIS + " ms");
    }

    @Override
    public boolean confining() {
        return true;
    }

    /** Whether each sandbox gets its own network namespace. */
    public boolean isolatesNetwork() {
        return jail.isPresent();
    }

    private record Mount(String option, Path source, Path target) {
        Mount {
            source = source == null ? null : source.toAbsolutePath().normalize();
            target = target.toAbsolutePath().normalize();
        }
    }
}
