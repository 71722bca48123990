package cloud.nextmcp.server;

import cloud.nextmcp.core.testing.Prerequisites;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The MCP TypeScript SDK's client, driven by {@code stdio-app-client.mjs} (test resources). The SDK is
 * installed from npm once into {@code target/ts-client}, never into the repository.
 */
final class TypeScriptClient {
    static final String SDK_VERSION = "1.32.2";
    private final Path sdkDir;
    private final Path script;

    private TypeScriptClient(Path sdkDir, Path script) {
        this.sdkDir = sdkDir;
        this.script = script;
    }

    static TypeScriptClient install() throws IOException, InterruptedException {
        Prerequisites.require(onPath("node") && onPath("npm"), "node and npm (Debian packages nodejs and npm)");
        Path dir = Path.of("target", "ts-client").toAbsolutePath();
        InstallLock.around(dir, () -> {
            if (!Files.isRegularFile(dir.resolve("node_modules/@modelcontextprotocol/sdk/package.json"))) {
                Files.createDirectories(dir);
                Process npm = new ProcessBuilder("npm", "install", "--prefix", dir.toString(), "--no-audit", "--no-fund",
                        "--no-save", "@modelcontextprotocol/sdk@" + SDK_VERSION).redirectErrorStream(true).start();
                String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                    throw new IllegalStateException("npm install of the MCP TypeScript SDK failed:\n" + out);
                }
            }
            return dir;
        });
        try {
            return new TypeScriptClient(dir, Path.of(TypeScriptClient.class.getResource("/stdio-app-client.mjs").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts the client on {@code scenario}; it prints one JSON object per line on stdout. */
    Run start(String url, String scenario) {
        try {
            Process p = new ProcessBuilder("node", script.toString(), sdkDir.toString(), url, scenario)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new Run(p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Run(Process process, BufferedReader lines) implements AutoCloseable {
        /** The next line the client printed; fails when it ended without one. */
        String next() throws IOException {
            String line = lines.readLine();
            if (line == null) {
                throw new AssertionError("the TypeScript client ended (exit " + waitExit() + ") without printing a result");
            }
            return line;
        }

        int waitExit() {
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return -1;
                }
                return process.exitValue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    static boolean onPath(String command) {
        return List.of(System.getenv("PATH").split(":")).stream().anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}
