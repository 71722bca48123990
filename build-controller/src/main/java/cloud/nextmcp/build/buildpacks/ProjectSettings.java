package cloud.nextmcp.build.buildpacks;

import cloud.nextmcp.build.builds.BuildFailure;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the app's repository says about how to run it: {@code nextmcp.toml} and the Procfile's
 * {@code web:} and {@code stdio:} lines. Any field may be null.
 *
 * @param buildpack     buildpack to use instead of detecting one
 * @param start         start command from {@code nextmcp.toml}
 * @param transport     {@code http} or {@code stdio} from {@code nextmcp.toml}: how the start command speaks MCP
 * @param command       a stdio MCP server command from {@code nextmcp.toml} (implies {@code transport = "stdio"})
 * @param procfileWeb   the Procfile's {@code web:} command
 * @param procfileStdio the Procfile's {@code stdio:} command: a stdio MCP server
 * @param healthPath    HTTP path that answers when an instance is ready
 * @param env           environment for the instances
 */
public record ProjectSettings(String buildpack, String start, String transport, String command, String procfileWeb,
                              String procfileStdio, String healthPath, Map<String, String> env) {
    public static final String FILE = "nextmcp.toml";
    public static final String HTTP = "http";
    public static final String STDIO = "stdio";

    public ProjectSettings {
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    public static ProjectSettings read(Path appDir) throws BuildFailure, IOException {
        Toml toml = readToml(appDir.resolve(FILE));
        Path procfile = appDir.resolve("Procfile");
        String health = toml.healthPath();
        if (health != null && !health.startsWith("/")) {
            throw new BuildFailure(FILE + ": health_path must start with '/', got '" + health + "'");
        }
        String transport = blankToNull(toml.transport());
        if (transport != null && !transport.equals(HTTP) && !transport.equals(STDIO)) {
            throw new BuildFailure(FILE + ": transport must be \"http\" or \"stdio\", got '" + transport + "'");
        }
        String start = blankToNull(toml.start());
        String command = blankToNull(toml.command());
        if (command != null && start != null) {
            throw new BuildFailure(FILE + ": set either start (a command serving HTTP on $PORT) or command "
                    + "(a stdio MCP server), not both");
        }
        if (command != null && HTTP.equals(transport)) {
            throw new BuildFailure(FILE + ": command is a stdio MCP server, but transport = \"http\"; "
                    + "use start for an HTTP server");
        }
        return new ProjectSettings(toml.buildpack(), start, transport, command, readProcfile(procfile, "web:"),
                readProcfile(procfile, "stdio:"), health, toml.env());
    }

    private static Toml readToml(Path file) throws BuildFailure, IOException {
        if (!Files.isRegularFile(file)) {
            return new Toml(null, null, null, null, null, null);
        }
        TomlMapper mapper = TomlMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        try {
            return mapper.readValue(file.toFile(), Toml.class);
        } catch (UnrecognizedPropertyException e) {
            throw new BuildFailure(FILE + ": unknown key '" + e.getPropertyName()
                    + "' (known: buildpack, start, transport, command, health_path, [env])");
        } catch (JsonProcessingException e) {
            throw new BuildFailure(FILE + " is not valid: " + e.getOriginalMessage(), e);
        }
    }

    private static String readProcfile(Path file, String process) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.startsWith(process)) {
                return blankToNull(trimmed.substring(process.length()).strip());
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private record Toml(String buildpack, String start, String transport, String command,
                        @JsonProperty("health_path") String healthPath, Map<String, String> env) {
    }
}
