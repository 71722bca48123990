package cloud.nextmcp.build.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.testing.OutsideNetwork;
import cloud.nextmcp.core.testing.Prerequisites;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The escapes a hostile app or build script tries, each against the real sandbox: the platform's
 * files, root's files, capabilities, the launcher's environment, the host's loopback (where the
 * database and admin ports listen), the host's own addresses, other sandboxes; and what must
 * still work: the internet (a namespace this test creates) and the port the router connects to.
 */
class BubblewrapSandboxIT {
    private static final SandboxConfig CONFIG = SandboxConfig.defaults();
    private static final String CONNECT = "import socket,sys\n"
            + "for target in sys.argv[1:]:\n"
            + "    host, port = target.rsplit(':', 1)\n"
            + "    s = socket.socket(); s.settimeout(3)\n"
            + "    try:\n"
            + "        s.connect((host, int(port))); print(target, 'CONNECTED')\n"
            + "    except OSError as e:\n"
            + "        print(target, 'refused', e.__class__.__name__)\n";

    @TempDir
    static Path state;
    private static Sandbox sandbox;
    private static OutsideNetwork outside;

    @BeforeAll
    static void sandbox() throws Exception {
        sandbox = Sandboxes.detect(CONFIG, state);
        Prerequisites.require(sandbox.confining(), "a working bubblewrap");
        Prerequisites.require(((BubblewrapSandbox) sandbox).isolatesNetwork(), "pasta and nftables (a network per sandbox)");
        Prerequisites.require(OutsideNetwork.possible(), "root, to create a network namespace standing in for the internet");
        outside = OutsideNetwork.create();
    }

    @AfterAll
    static void removeOutside() {
        if (outside != null) {
            outside.close();
        }
    }

    @Test
    void aProcessSeesNeitherTheHiddenDataNorTheHostsProcessesAndWritesOnlyWhereAllowed(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("master.key"), "secret");
        Path work = Files.createDirectories(data.resolve("builds/1"));
        Path readOnly = Files.createDirectories(tmp.resolve("artifact"));
        String script = "ls -A " + data + "; echo pid=$$; echo env=$SECRET_FROM_HOST-$GIVEN; "
                + "echo out > " + work + "/written && echo work-writable; "
                + "(echo x > " + readOnly + "/x) 2>/dev/null || echo artifact-read-only; "
                + "echo t > /tmp/t && echo tmp-writable";
        String out = run(spec(List.of("sh", "-c", script), work, List.of(readOnly), List.of(work), List.of(data),
                Map.of("PATH", "/usr/bin:/bin", "GIVEN", "given"), SandboxNetwork.none()));

        assertThat(out).doesNotContain("master.key")
                .contains("env=-given", "work-writable", "artifact-read-only", "tmp-writable");
        assertThat(Files.readString(work.resolve("written"))).isEqualTo("out\n");
        assertThat(readOnly.resolve("x")).doesNotExist();
    }

    @Test
    void appsRunAsTheirOwnUnprivilegedUidWithNoCapabilitiesAndCannotReadRootsFiles(@TempDir Path tmp) throws Exception {
        SandboxUser user = sandbox.userFor(42);
        String out = run(spec(List.of("sh", "-c", "echo uid=$(id -u) gid=$(id -g); grep -E '^(CapEff|CapPrm|CapBnd|NoNewPrivs)' /proc/self/status; "
                + "cat /etc/shadow >/dev/null 2>&1 && echo SHADOW-READ || echo shadow-refused; "
                + "echo root-home=$(ls -A /root 2>/dev/null | wc -l)"), tmp, List.of(), List.of(tmp), List.of(),
                Map.of("PATH", "/usr/bin:/bin"), SandboxNetwork.none()));

        assertThat(out).contains("uid=" + user.uid() + " gid=" + user.gid(), "CapEff:\t0000000000000000",
                "CapPrm:\t0000000000000000", "CapBnd:\t0000000000000000", "NoNewPrivs:\t1", "shadow-refused", "root-home=0");
        if (new com.sun.security.auth.module.UnixSystem().getUid() == 0) {
            assertThat(user.uid()).isEqualTo(CONFIG.uidBase() + 42);
            assertThat(out).doesNotContain("uid=0 ");
        }
    }

    @Test
    void environmentVariablesReachOnlyTheCommandNeverTheLauncher(@TempDir Path tmp) throws Exception {
        // A preload library that does not exist makes the dynamic loader complain once per program that gets it.
        String out = run(spec(List.of("/bin/sh", "-c", "echo started port=$PORT"), tmp, List.of(), List.of(tmp), List.of(),
                Map.of("LD_PRELOAD", "/nonexistent/evil.so", "PATH", "/tmp", "PORT", "5000"), new SandboxNetwork(true, 0)));

        assertThat(out).contains("started port=5000");
        assertThat(out.split("cannot be preloaded", -1)).as(out).hasSize(2);
    }

    @Test
    void theNetworkReachesTheInternetButNotTheHostItsNetworksOrOtherSandboxes(@TempDir Path tmp) throws Exception {
        try (ServerSocket hostLoopback = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             ServerSocket hostAnyAddress = new ServerSocket(0, 5)) {
            int otherPort = freePort();
            Process other = sandbox.start(spec(List.of("python3", "-m", "http.server", Integer.toString(otherPort), "--bind", "127.0.0.1"),
                    tmp, List.of(), List.of(tmp), List.of(), Map.of("PATH", "/usr/bin:/bin"), new SandboxNetwork(true, otherPort)),
                    Sandbox.ProcessStarter.DIRECT);
            try {
                List<String> targets = new java.util.ArrayList<>(List.of(outside.address() + ":" + outside.port(),
                        "127.0.0.1:" + hostLoopback.getLocalPort(), "127.0.0.1:" + otherPort));
                hostAddress().ifPresent(a -> targets.add(a + ":" + hostAnyAddress.getLocalPort()));
                List<String> command = new java.util.ArrayList<>(List.of("python3", "-c", CONNECT));
                command.addAll(targets);

                String out = run(spec(command, tmp, List.of(), List.of(tmp), List.of(), Map.of("PATH", "/usr/bin:/bin"),
                        new SandboxNetwork(true, 0)));

                assertThat(out).contains(outside.address() + ":" + outside.port() + " CONNECTED",
                        "127.0.0.1:" + hostLoopback.getLocalPort() + " refused",
                        "127.0.0.1:" + otherPort + " refused");
                hostAddress().ifPresent(a -> assertThat(out).contains(a + ":" + hostAnyAddress.getLocalPort() + " refused"));
                // The other sandbox does serve its port to the host: that is how the router reaches an instance.
                assertThat(httpStatus(otherPort)).isEqualTo(200);
            } finally {
                other.descendants().forEach(ProcessHandle::destroyForcibly);
                other.destroyForcibly();
            }
        }
    }

    @Test
    void withoutOutboundAccessNothingLeavesTheSandbox(@TempDir Path tmp) throws Exception {
        List<String> command = List.of("python3", "-c", CONNECT, outside.address() + ":" + outside.port());
        String out = run(spec(command, tmp, List.of(), List.of(tmp), List.of(), Map.of("PATH", "/usr/bin:/bin"), SandboxNetwork.none()));
        assertThat(out).contains("refused").doesNotContain("CONNECTED");
    }

    @Test
    void theEgressRulesInTheSandboxBlockMetadataAndPrivateRangesAndTheAppCannotChangeThem(@TempDir Path tmp) throws Exception {
        Process p = sandbox.start(spec(List.of("sh", "-c", "nft flush ruleset 2>&1 | head -1; echo flushed; sleep 30"), tmp,
                List.of(), List.of(tmp), List.of(), Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"), new SandboxNetwork(true, 0)),
                Sandbox.ProcessStarter.DIRECT);
        try {
            java.io.BufferedReader output = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder attempt = new StringBuilder();
            for (String line = output.readLine(); line != null && !line.equals("flushed"); line = output.readLine()) {
                attempt.append(line).append('\n');
            }
            assertThat(attempt.toString()).containsIgnoringCase("Operation not permitted");

            long inner = p.children().findFirst().orElseThrow().pid();
            Process list = new ProcessBuilder("nsenter", "--net=/proc/" + inner + "/ns/net", "nft", "list", "ruleset")
                    .redirectErrorStream(true).start();
            String rules = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(list.waitFor()).as(rules).isZero();
            assertThat(rules).contains("table inet nextmcp", "policy accept", "oifname \"lo\" accept",
                    "169.254.0.0/16", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "100.64.0.0/10",
                    "fc00::/7", "fe80::/10", "reject");
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private static SandboxSpec spec(List<String> command, Path workDir, List<Path> readOnly, List<Path> writable, List<Path> hidden,
                                    Map<String, String> env, SandboxNetwork network) {
        return new SandboxSpec(command, workDir, readOnly, writable, hidden, env, network, sandbox.userFor(42));
    }

    private static String run(SandboxSpec spec) throws Exception {
        Process p = sandbox.start(spec, Sandbox.ProcessStarter.DIRECT);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static java.util.Optional<String> hostAddress() throws IOException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(n -> Collections.list(n.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .map(InetAddress::getHostAddress).findFirst();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int httpStatus(int port) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 100; i++) {
            try {
                return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/"))
                        .timeout(java.time.Duration.ofSeconds(2)).build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        return -1;
    }
}
