package cloud.nextmcp.build.buildpacks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs a stdio MCP server as an app: the bridge (a dependency-free Node program shipped with the
 * platform) is written into the artifact and started instead of the server; it serves Streamable
 * HTTP on {@code $PORT} and starts the server's command once per MCP session.
 */
final class StdioBridge {
    static final String COMMAND_VAR = "NEXTMCP_STDIO_COMMAND";
    private static final String RESOURCE = "stdio-bridge.mjs";
    private static final String TARGET = ".nextmcp/stdio-bridge.mjs";

    private StdioBridge() {
    }

    /** Writes the bridge into the app and returns its start command. */
    static String install(Path appDir) throws IOException {
        BundledFiles.write(RESOURCE, appDir.resolve(TARGET));
        return "exec node " + TARGET;
    }

    /** Environment that tells the bridge which command to run per session. */
    static Map<String, String> env(String command) {
        return Map.of(COMMAND_VAR, command);
    }
}
