package cloud.nextmcp.build.buildpacks;

import cloud.nextmcp.build.builds.BuildFailure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A NextMCP project's {@code nextmcp.config.yaml}: its name and description, and the development
 * server settings ({@code server.transport/host/port}) that the platform overrides.
 *
 * @param name        the project's name, or null
 * @param description the project's description, or null
 * @param devServer   which of {@code server.transport}, {@code server.host}, {@code server.port} it sets
 */
record NextMcpConfig(String name, String description, List<String> devServer) {
    static final String FILE = "nextmcp.config.yaml";

    static NextMcpConfig read(Path appDir) throws BuildFailure, IOException {
        Path file = appDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonNode yaml;
        try {
            yaml = new YAMLMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new BuildFailure(FILE + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (yaml == null || !yaml.isObject()) {
            return new NextMcpConfig(null, null, List.of());
        }
        JsonNode server = yaml.path("server");
        List<String> dev = List.of("transport", "host", "port").stream().filter(server::hasNonNull)
                .map(k -> "server." + k).toList();
        return new NextMcpConfig(text(yaml.path("name")), text(yaml.path("description")), dev);
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.asText().isBlank() ? node.asText() : null;
    }
}
