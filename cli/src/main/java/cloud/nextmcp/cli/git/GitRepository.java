package cloud.nextmcp.cli.git;

import cloud.nextmcp.cli.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The git repository around the working directory, through the real {@code git} command. */
public final class GitRepository {

    private final Path workingDirectory;

    public GitRepository(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    /** True inside a git work tree; false outside one or when git is not installed. */
    public boolean exists() {
        return run("rev-parse", "--is-inside-work-tree").filter(r -> r.exitCode() == 0)
                .map(r -> r.stdout().trim().equals("true")).orElse(false);
    }

    public Optional<String> remoteUrl(String remote) {
        return run("remote", "get-url", remote).filter(r -> r.exitCode() == 0)
                .map(r -> r.stdout().trim()).filter(url -> !url.isEmpty());
    }

    /** The app the {@code nextmcp} remote points at, if there is one. */
    public Optional<String> nextmcpApp() {
        return remoteUrl(AppRemote.NAME).flatMap(AppRemote::appName);
    }

    public void addRemote(String remote, String url) {
        Result result = run("remote", "add", remote, url)
                .orElseThrow(() -> new CliException("cannot run git to add the '" + remote + "' remote"));
        if (result.exitCode() != 0) {
            throw new CliException("git remote add " + remote + " failed: " + result.stderr().trim());
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs git; empty when git cannot be started at all. */
    private Optional<Result> run(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(workingDirectory.toFile()).start();
        } catch (IOException gitMissing) {
            return Optional.empty();
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String stdout = read(process.getInputStream());
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CliException("git " + String.join(" ", arguments) + " did not finish within 30 s");
            }
            return Optional.of(new Result(process.exitValue(), stdout, stderr.join()));
        } catch (IOException e) {
            throw new CliException("git " + String.join(" ", arguments) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
