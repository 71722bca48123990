package cloud.nextmcp.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real git, ssh and sftp clients in an isolated HOME. */
final class GitCli {
    private final Path home;
    private final Map<String, String> env;

    GitCli(Path home, Map<String, String> extraEnv) {
        this.home = home;
        this.env = new java.util.HashMap<>(extraEnv);
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_AUTHOR_NAME", "Alice");
        env.put("GIT_AUTHOR_EMAIL", "alice@example.com");
        env.put("GIT_COMMITTER_NAME", "Alice");
        env.put("GIT_COMMITTER_EMAIL", "alice@example.com");
        env.put("LC_ALL", "C");
    }

    GitCli with(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(env);
        more.put(name, value);
        return new GitCli(home, more);
    }

    record Result(int exit, String out, String err) {
        /**
         * The lines git printed as {@code remote: …}, without the padding git appends to sideband
         * lines on a non-terminal, and without progress meters (keepalives, JGit's ref updates).
         */
        List<String> remoteLines() {
            return Arrays.stream(err.split("[\r\n]+"))
                    .filter(l -> l.startsWith("remote: "))
                    .map(String::stripTrailing)
                    .filter(l -> !l.contains("Still building") && !l.startsWith("remote: Updating references"))
                    .toList();
        }

        Result ok() {
            assertThat(exit).as("exit status; stderr:\n%s", err).isZero();
            return this;
        }

        Result failed() {
            assertThat(exit).as("exit status; stderr:\n%s", err).isNotZero();
            return this;
        }
    }

    Result run(Path dir, String... command) throws IOException, InterruptedException {
        return runWithInput(dir, null, command);
    }

    Result runWithInput(Path dir, String stdin, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p = pb.start();
        if (stdin != null) {
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command) + "\nstderr:\n" + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Runs with the bytes of {@code stdin} as input, for raw protocol exchanges. */
    Result runWithInputFile(Path dir, Path stdin, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(stdin.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command) + "\nstderr:\n" + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out, java.nio.charset.StandardCharsets.ISO_8859_1), Files.readString(err));
    }

    /** Starts a client and returns its process, for tests that kill it midway. */
    Process spawn(Path dir, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }

    /** Runs in the background, for concurrent pushes. */
    java.util.concurrent.CompletableFuture<Result> start(Path dir, String... command) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return run(dir, command);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }
}
