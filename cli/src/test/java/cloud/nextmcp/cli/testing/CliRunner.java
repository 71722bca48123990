package cloud.nextmcp.cli.testing;

import cloud.nextmcp.cli.CliEnvironment;
import cloud.nextmcp.cli.Main;
import cloud.nextmcp.cli.Terminal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the real {@code nextmcp} command in-process through {@link Main#run}, with its own
 * home, config directory, working directory, variables, stdin and clock.
 */
public final class CliRunner {

    public static final Instant NOW = Instant.parse("2026-11-24T05:40:00Z");

    public record Result(int exitCode, String out, String err) {

        public List<String> outLines() {
            return out.lines().toList();
        }

        public List<String> errLines() {
            return err.lines().toList();
        }
    }

    private final Path home;
    private final Path configHome;
    private final Map<String, String> variables = new HashMap<>();
    private Path workingDirectory;
    private String stdin = "";
    private Terminal terminal = Terminal.NONE;
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    public CliRunner(Path root) {
        try {
            this.home = Files.createDirectories(root.resolve("home"));
            this.configHome = root.resolve("xdg-config");
            this.workingDirectory = Files.createDirectories(root.resolve("work"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        variables.put("XDG_CONFIG_HOME", configHome.toString());
    }

    public CliRunner variable(String name, String value) {
        variables.put(name, value);
        return this;
    }

    public CliRunner workingDirectory(Path directory) {
        this.workingDirectory = directory;
        return this;
    }

    public CliRunner stdin(String text) {
        this.stdin = text;
        return this;
    }

    public CliRunner terminal(Terminal terminal) {
        this.terminal = terminal;
        return this;
    }

    public CliRunner clock(Instant now) {
        this.clock = Clock.fixed(now, ZoneOffset.UTC);
        return this;
    }

    public Path home() {
        return home;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    public Path credentialsFile() {
        return configHome.resolve("nextmcp").resolve("credentials.json");
    }

    /** Stores a logged-in session for {@code apiUrl}, as {@code nextmcp login} would. */
    public CliRunner loggedIn(String apiUrl, String accessToken, Instant expiresAt, String refreshToken) {
        String json = "{\"apiUrl\":\"" + apiUrl + "\",\"email\":\"alice@example.com\",\"accessToken\":\""
                + accessToken + "\",\"accessTokenExpiresAt\":\"" + expiresAt + "\",\"refreshToken\":\""
                + refreshToken + "\",\"refreshTokenExpiresAt\":\"" + expiresAt.plusSeconds(30L * 86400) + "\"}";
        try {
            Files.createDirectories(credentialsFile().getParent());
            Files.writeString(credentialsFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Logged in with a session whose access token {@code access-1} is good for another hour. */
    public CliRunner loggedIn(String apiUrl) {
        return loggedIn(apiUrl, "access-1", NOW.plusSeconds(3600), "nmcr_refresh-1");
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment environment = new CliEnvironment(variables, home, workingDirectory,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), terminal, clock);
        int exitCode;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode = Main.run(args, environment, outStream, errStream);
        }
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
