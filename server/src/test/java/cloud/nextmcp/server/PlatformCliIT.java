package cloud.nextmcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account and app commands of the real CLI against the real platform, and that everything
 * they made is still there after the platform is stopped and started again on the same data.
 */
class PlatformCliIT {
    private static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    private static PlatformProcess platform;

    @BeforeAll
    static void startPlatform() {
        platform = new PlatformProcess(tmp.resolve("data"), Map.of()).start();
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void accountTeamsAppsAndKeysSurviveARestart() throws Exception {
        String email = "alice@example.com";
        Cli cli = new Cli(Files.createDirectories(tmp.resolve("alice-home")), platform.apiUrl());
        Path anywhere = Files.createDirectories(tmp.resolve("anywhere"));
        GitUser git = GitUser.create(tmp.resolve("alice-git"));
        Path repo = git.repoFrom(Examples.path("node"), tmp.resolve("weather"));

        String registered = cli.runWithStdin(anywhere, PASSWORD + "\n",
                "register", "--email", email, "--name", "Alice", "--password-stdin").toString();
        assertThat(registered).as(registered + diagnostics())
                .contains("exit 0").contains("Registered and logged in to " + platform.apiUrl() + " as " + email);
        assertThat(cli.ok(anywhere, "logout")).contains("Logged out");
        assertThat(cli.run(anywhere, "whoami").exitCode()).as("whoami after logout").isNotZero();
        assertLogsIn(cli, anywhere, email);

        String created = cli.ok(repo, "apps", "create", "weather");
        assertThat(created).as(created).contains("Created app weather")
                .contains("http://weather.localhost:" + platform.port("NEXTMCP_ROUTER_PORT") + "/");
        assertThat(git.ok(repo, "remote", "get-url", "nextmcp").trim())
                .isEqualTo("ssh://git@localhost:" + platform.port("NEXTMCP_GIT_SSH_PORT") + "/weather.git");

        String added = cli.ok(anywhere, "keys", "add", git.publicKey().toString());
        assertThat(added).as(added).contains("Added key SHA256:").contains("ssh-ed25519");
        String fingerprint = added.replaceAll("(?s).*(SHA256:[A-Za-z0-9+/]+).*", "$1");

        assertThat(cli.ok(anywhere, "teams", "create", "acme")).contains("Created team acme");
        assertThat(cli.ok(anywhere, "apps", "create", "tides-mcp", "--team", "acme")).contains("Created app tides-mcp");

        assertEverythingIsThere(cli, anywhere, email, fingerprint);

        platform.stop();
        platform.start();

        assertEverythingIsThere(cli, anywhere, email, fingerprint);
        assertThat(cli.ok(anywhere, "logout")).contains("Logged out");
        assertLogsIn(cli, anywhere, email);
        assertThat(cli.runWithStdin(anywhere, "not the password\n", "login", "--email", email, "--password-stdin")
                .exitCode()).as("a wrong password is refused").isEqualTo(1);
    }

    private void assertEverythingIsThere(Cli cli, Path dir, String email, String fingerprint) throws Exception {
        assertThat(cli.ok(dir, "whoami").trim()).isEqualTo(email);

        JsonNode apps = JSON.readTree(cli.ok(dir, "apps", "list", "--json"));
        assertThat(names(apps)).as(apps.toPrettyString() + diagnostics()).containsExactlyInAnyOrder("weather", "tides-mcp");
        for (JsonNode app : apps) {
            String name = app.get("name").asText();
            assertThat(app.get("team").asText()).isEqualTo(name.equals("weather") ? "alice" : "acme");
            assertThat(app.get("role").asText()).isEqualTo("owner");
            assertThat(app.get("webUrl").asText())
                    .isEqualTo("http://" + name + ".localhost:" + platform.port("NEXTMCP_ROUTER_PORT") + "/");
            assertThat(app.get("gitSshUrl").asText())
                    .isEqualTo("ssh://git@localhost:" + platform.port("NEXTMCP_GIT_SSH_PORT") + "/" + name + ".git");
        }

        JsonNode teams = JSON.readTree(cli.ok(dir, "teams", "list", "--json"));
        assertThat(names(teams)).as(teams.toPrettyString()).contains("acme").hasSize(2);

        String keys = cli.ok(dir, "keys", "list", "--json");
        assertThat(keys).contains(fingerprint);

        String info = cli.ok(dir, "apps", "info", "-a", "weather");
        assertThat(info).contains("=== weather").contains("Deploy branch: main");
    }

    private static void assertLogsIn(Cli cli, Path dir, String email) {
        Cli.Result login = cli.runWithStdin(dir, PASSWORD + "\n", "login", "--email", email, "--password-stdin");
        assertThat(login.exitCode()).as(login + diagnostics()).isZero();
        assertThat(login.out() + login.err()).contains("Logged in to " + platform.apiUrl() + " as " + email);
        assertThat(cli.ok(dir, "whoami").trim()).isEqualTo(email);
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.get("name").asText()));
        return names;
    }

    private static String diagnostics() {
        return "\n--- platform log\n" + platform.logText();
    }
}
