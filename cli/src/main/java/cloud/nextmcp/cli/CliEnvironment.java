package cloud.nextmcp.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the CLI reads from the world outside its arguments. Commands never call
 * {@code System.getenv} or {@code System.getProperty} themselves, so tests can run them
 * in-process with their own variables, home and working directory.
 */
public record CliEnvironment(
        Map<String, String> variables,
        Path homeDirectory,
        Path workingDirectory,
        InputStream stdin,
        Terminal terminal,
        Clock clock) {

    public CliEnvironment {
        variables = Map.copyOf(variables);
    }

    public static CliEnvironment fromSystem() {
        return new CliEnvironment(
                System.getenv(),
                homeDirectory(System.getenv(), System.getProperty("user.home")),
                Path.of("").toAbsolutePath(),
                System.in,
                Terminal.fromSystemConsole(),
                Clock.systemUTC());
    }

    /**
     * {@code $HOME} when set, else {@code user.home}: like OpenSSH, so {@code HOME=/tmp/x nextmcp keys add}
     * reads {@code /tmp/x/.ssh} (the JVM's {@code user.home} comes from the password database instead).
     */
    static Path homeDirectory(Map<String, String> variables, String userHome) {
        String home = variables.get("HOME");
        return home == null || home.isBlank() ? Path.of(userHome) : Path.of(home.trim());
    }

    /** The variable's value, when it is set and not blank. */
    public Optional<String> variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public boolean debug() {
        return variable("NEXTMCP_DEBUG").filter(v -> !v.equals("0") && !v.equalsIgnoreCase("false")).isPresent();
    }
}
