package cloud.nextmcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.testing.OutsideNetwork;
import cloud.nextmcp.core.testing.Prerequisites;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile app pushed to a real platform, as a tenant would: its build script and the app itself
 * try to reach the platform's database, API, admin ports, git ports, another app's instance and
 * the host's own address, to read /etc/shadow, root's home and the platform's master key, and to
 * smuggle LD_PRELOAD and PATH into the platform's own processes through config vars. Every attempt
 * must fail while the app still serves MCP through the router and reaches the internet (a network
 * namespace this test creates).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxEscapesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BLOCKED = List.of("database", "api-and-admin", "router", "router-admin", "git-ssh",
            "git-http", "victim-instance", "host-address");

    @TempDir
    static Path tmp;
    private static PlatformProcess platform;
    private static OutsideNetwork outside;
    private static Cli cli;
    private static GitUser git;
    private static Path anywhere;
    private static Path hostile;
    private static Path data;

    @BeforeAll
    static void platformWithAVictimApp() throws Exception {
        Prerequisites.require(OutsideNetwork.possible(), "root, to create a network namespace standing in for the internet");
        Prerequisites.require(new File("/usr/bin/cc").canExecute(), "a C compiler (cc), to build the LD_PRELOAD probe");
        outside = OutsideNetwork.create();
        data = tmp.resolve("data");
        platform = new PlatformProcess(data, Map.of()).start();
        cli = new Cli(Files.createDirectories(tmp.resolve("home")), platform.apiUrl());
        anywhere = Files.createDirectories(tmp.resolve("anywhere"));
        cli.runWithStdin(anywhere, "correct horse battery\n", "register", "--email", "mallory@example.com", "--password-stdin");
        git = GitUser.create(tmp.resolve("git-home"));
        cli.ok(anywhere, "keys", "add", git.publicKey().toString());

        Path victim = git.repoFrom(Examples.path("python"), tmp.resolve("victim"));
        cli.ok(victim, "apps", "create", "victim");
        GitUser.Result push = git.git(victim, "push", "nextmcp", "main");
        assertThat(push.exitCode()).as(push.output()).isZero();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (outside != null) {
            outside.close();
        }
    }

    @Test
    @Order(1)
    void theBuildScriptAndTheAppReachNothingOfThePlatformButStillServeAndReachTheInternet() throws Exception {
        hostile = tmp.resolve("hostile");
        GitUser.copyTree(Examples.path("node"), hostile);
        Path resources = Path.of("src/test/resources/hostile-app").toAbsolutePath();
        Files.copy(resources.resolve("escape.js"), hostile.resolve("escape.js"));
        compile(resources.resolve("preload.c"), hostile.resolve("libpreload.so"));
        Files.writeString(hostile.resolve("targets.json"), JSON.writeValueAsString(targets()));
        ObjectNode pkg = (ObjectNode) JSON.readTree(hostile.resolve("package.json").toFile());
        ((ObjectNode) pkg.get("scripts")).put("build", "node escape.js build");
        Files.writeString(hostile.resolve("package.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(pkg));
        Files.writeString(hostile.resolve("nextmcp.toml"), "health_path = \"/health\"\nstart = \"node escape.js start; exec node server.js\"\n");
        git.ok(hostile, "init", "-q", "-b", "main");
        git.ok(hostile, "add", "-A");
        git.ok(hostile, "commit", "-q", "-m", "hostile");
        cli.ok(hostile, "apps", "create", "hostile");

        GitUser.Result push = git.git(hostile, "push", "nextmcp", "main");

        assertThat(push.exitCode()).as(push.output()).isZero();
        assertRefused(push.output(), "build");
        String logs = awaitLogLine("ESCAPE start outside");
        assertRefused(logs, "start");
        try (McpApp mcp = McpApp.connect(platform.routerUrl(), "hostile")) {
            assertThat(mcp.greet("Ada")).isEqualTo("Hello, Ada!");
        }
    }

    @Test
    @Order(2)
    void configVarsReachOnlyTheAppNeverThePlatformsLauncher() throws Exception {
        cli.ok(hostile, "config", "set", "LD_PRELOAD=./libpreload.so", "PATH=/nonexistent:/usr/local/bin:/usr/bin:/bin");

        String logs = awaitLogLine("PRELOADED comm=node");
        List<String> preloaded = logs.lines().filter(l -> l.contains("PRELOADED")).toList();
        assertThat(preloaded).isNotEmpty().allSatisfy(line -> assertThat(line)
                .doesNotContain("comm=bwrap", "comm=setpriv", "comm=nft", "comm=pasta", "comm=env", " uid=0"));
        try (McpApp mcp = McpApp.connect(platform.routerUrl(), "hostile")) {
            assertThat(mcp.greet("Bob")).isEqualTo("Hello, Bob!");
        }
        assertThat(platform.logText()).doesNotContain("PRELOADED");
    }

    @Test
    @Order(3)
    void thePlatformsOwnVariablesCannotBeOverridden() {
        Cli.Result result = cli.run(hostile, "config", "set", "PORT=1");
        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.err()).contains("PORT");
        Cli.Result own = cli.run(hostile, "config", "set", "NEXTMCP_APP=victim");
        assertThat(own.exitCode()).as(own.toString()).isNotZero();
    }

    private static void assertRefused(String output, String phase) {
        for (String target : BLOCKED) {
            assertThat(output).as(output).contains("ESCAPE " + phase + " " + target + " refused");
        }
        assertThat(output).contains("ESCAPE " + phase + " shadow refused", "ESCAPE " + phase + " root-home refused",
                "ESCAPE " + phase + " master-key refused", "ESCAPE " + phase + " outside REACHED");
        // Of the data directory, only the empty directories leading to the sandbox's own binds show.
        java.util.regex.Matcher visible = java.util.regex.Pattern.compile("ESCAPE " + phase + " data-dir visible \\[(.*)]").matcher(output);
        assertThat(visible.find()).as(output).isTrue();
        String own = phase.equals("build") ? "(builds|cache)(/[0-9]+)?" : "artifacts(/[0-9a-f]{64})?";
        for (String entry : visible.group(1).split(",")) {
            assertThat(entry).as(output).matches(own);
        }
        assertThat(output).doesNotContain("ESCAPE " + phase + " uid 0").doesNotContain(" OPEN");
    }

    private static ObjectNode targets() throws Exception {
        ObjectNode t = JSON.createObjectNode();
        ObjectNode ports = t.putObject("loopbackPorts");
        ports.put("database", databasePort());
        ports.put("api-and-admin", platform.port("NEXTMCP_API_PORT"));
        ports.put("router", platform.port("NEXTMCP_ROUTER_PORT"));
        ports.put("router-admin", platform.port("NEXTMCP_ROUTER_ADMIN_PORT"));
        ports.put("git-ssh", platform.port("NEXTMCP_GIT_SSH_PORT"));
        ports.put("git-http", platform.port("NEXTMCP_GIT_HTTP_PORT"));
        ports.put("victim-instance", victimInstancePort());
        ObjectNode addresses = t.putObject("hostAddresses");
        ObjectNode host = addresses.putObject("host-address");
        host.put("host", hostAddress());
        host.put("port", platform.port("NEXTMCP_API_PORT"));
        t.put("masterKey", data.resolve("secrets/master.key").toString());
        t.put("dataDir", data.toString());
        t.put("outside", outside.url());
        return t;
    }

    /** The embedded PostgreSQL's port, from its postmaster.pid (fourth line). */
    private static int databasePort() throws Exception {
        return Integer.parseInt(Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(3).strip());
    }

    private static int victimInstancePort() throws Exception {
        JsonNode ps = JSON.readTree(cli.ok(anywhere, "ps", "-a", "victim", "--json"));
        JsonNode instances = ps.isArray() ? ps : ps.path("instances");
        String address = instances.get(0).get("address").asText();
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private static String hostAddress() throws Exception {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(n -> Collections.list(n.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .map(InetAddress::getHostAddress).findFirst().orElse("127.0.0.2");
    }

    private static String awaitLogLine(String wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String logs = "";
        while (System.nanoTime() < deadline) {
            logs = cli.ok(anywhere, "logs", "-a", "hostile", "-n", "1000");
            if (logs.contains(wanted)) {
                return logs;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no log line with '" + wanted + "' in:\n" + logs);
    }

    private static void compile(Path source, Path library) throws Exception {
        Process cc = new ProcessBuilder("cc", "-shared", "-fPIC", "-o", library.toString(), source.toString())
                .redirectErrorStream(true).start();
        String out = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cc.exitValue()).as(out).isZero();
    }
}
