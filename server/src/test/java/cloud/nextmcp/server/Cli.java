package cloud.nextmcp.server;

import cloud.nextmcp.cli.CliEnvironment;
import cloud.nextmcp.cli.Main;
import cloud.nextmcp.cli.Terminal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The real {@code nextmcp} command, run in-process through {@link Main#run} as one user: its own
 * home and config directory, talking to the platform's API.
 */
final class Cli {
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path home;
    private final String apiUrl;

    Cli(Path home, String apiUrl) {
        this.home = home;
        this.apiUrl = apiUrl;
    }

    Result run(Path workDir, String... args) {
        return runWithStdin(workDir, "", args);
    }

    Result runWithStdin(Path workDir, String stdin, String... args) {
        Map<String, String> vars = Map.of(
                "NEXTMCP_API_URL", apiUrl,
                "HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve(".config").toString(),
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        CliEnvironment env = new CliEnvironment(vars, home, workDir,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), Terminal.NONE, Clock.systemUTC());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, env, o, e);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs a command that must succeed; a failure shows its output. */
    String ok(Path workDir, String... args) {
        Result r = run(workDir, args);
        if (r.exitCode() != 0) {
            throw new AssertionError("nextmcp " + String.join(" ", args) + " failed: " + r);
        }
        return r.out();
    }
}
