package cloud.nextmcp.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code git} and OpenSSH clients as one user with an ed25519 key, an isolated home
 * and no system or global git configuration.
 */
final class GitUser {
    record Result(int exitCode, String output) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n" + output;
        }
    }

    private final Path home;
    private final Path privateKey;

    private GitUser(Path home, Path privateKey) {
        this.home = home;
        this.privateKey = privateKey;
    }

    /** A user whose home holds a fresh ed25519 key made by ssh-keygen. */
    static GitUser create(Path home) throws IOException, InterruptedException {
        Files.createDirectories(home.resolve(".ssh"));
        Path key = home.resolve(".ssh/id_ed25519");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "e2e@test", "-f", key.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ssh-keygen failed: " + out);
        }
        return new GitUser(home, key);
    }

    Path publicKey() {
        return privateKey.resolveSibling(privateKey.getFileName() + ".pub");
    }

    Result git(Path dir, String... args) {
        Process p = start(dir, args);
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("git " + String.join(" ", args) + " did not finish:\n" + out);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs git that must succeed; a failure shows its output. */
    String ok(Path dir, String... args) {
        Result r = git(dir, args);
        if (r.exitCode() != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " failed: " + r);
        }
        return r.output();
    }

    /** Starts git without waiting; stdout and stderr go to {@code output}. */
    Process startTo(Path output, Path dir, String... args) {
        ProcessBuilder pb = builder(dir, args).redirectOutput(output.toFile());
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Process start(Path dir, String... args) {
        try {
            return builder(dir, args).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProcessBuilder builder(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GIT_") || k.startsWith("SSH_"));
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_AUTHOR_NAME", "E2E Test");
        env.put("GIT_AUTHOR_EMAIL", "e2e@example.com");
        env.put("GIT_COMMITTER_NAME", "E2E Test");
        env.put("GIT_COMMITTER_EMAIL", "e2e@example.com");
        // OpenSSH reads ~/.ssh of the passwd entry, not $HOME: name every file it may use.
        env.put("GIT_SSH_COMMAND", "ssh -F /dev/null -i " + privateKey + " -o IdentitiesOnly=yes -o BatchMode=yes"
                + " -o UserKnownHostsFile=" + home.resolve(".ssh/known_hosts")
                + " -o StrictHostKeyChecking=accept-new");
        return pb;
    }

    /** A fresh git repository on {@code main} holding a copy of {@code source}, committed. */
    Path repoFrom(Path source, Path dir) throws IOException {
        copyTree(source, dir);
        ok(dir, "init", "-q", "-b", "main");
        ok(dir, "add", "-A");
        ok(dir, "commit", "-q", "-m", "Initial commit");
        return dir;
    }

    static void copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (d.getFileName().toString().equals("node_modules") || d.getFileName().toString().equals(".git")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(source.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.copy(f, target.resolve(source.relativize(f).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
