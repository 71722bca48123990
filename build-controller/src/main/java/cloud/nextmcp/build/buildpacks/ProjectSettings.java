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
 * {@code web:} line. Any field may be null.
 *
 * @param buildpack    buildpack to use instead of detecting one
 * @param start        start command from {@code nextmcp.toml}
 * @param procfileWeb  the Procfile's {@code web:} command
 * @param healthPath   HTTP path that answers when an instance is ready
 * @param env          environment for the instances
 */
public record ProjectSettings(String buildpack, String start, String procfileWeb, String healthPath,
                              Map<String, String> env) {
    public static final String FILE = "nextmcp.toml";

    public ProjectSettings {
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /** The start command that wins: {@code nextmcp.toml}, then the Procfile, then the buildpack's default. */
    public String startOr(String buildpackDefault) {
        return start != null ? start : procfileWeb != null ? procfileWeb : buildpackDefault;
    }

    public static ProjectSettings read(Path appDir) throws BuildFailure, IOException {
        Toml toml = readToml(appDir.resolve(FILE));
        String web = readProcfileWeb(appDir.resolve("Procfile"));
        String health = toml.healthPath();
        if (health != null && !health.startsWith("/")) {
            throw new BuildFailure(FILE + ": health_path must start with '/', got '" + health + "'");
        }
        return new ProjectSettings(toml.buildpack(), blankToNull(toml.start()), web, health, toml.env());
    }

    private static Toml readToml(Path file) throws BuildFailure, IOException {
        if (!Files.isRegularFile(file)) {
            return new Toml(null, null, null, null);
        }
        TomlMapper mapper = TomlMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        try {
            return mapper.readValue(file.toFile(), Toml.class);
        } catch (UnrecognizedPropertyException e) {
            throw new BuildFailure(FILE + ": unknown key '" + e.getPropertyName()
                    + "' (known: buildpack, start, health_path, [env])");
        } catch (JsonProcessingException e) {
            throw new BuildFailure(FILE + " is not valid: " + e.getOriginalMessage(), e);
        }
    }

    private static String readProcfileWeb(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("web:")) {
                return blankToNull(trimmed.substring(4).strip());
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private record Toml(String buildpack, String start, @JsonProperty("health_path") String healthPath,
                        Map<String, String> env) {
    }
}
