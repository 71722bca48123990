package cloud.nextmcp.build.images;

import cloud.nextmcp.build.artifacts.Artifact;
import cloud.nextmcp.build.builds.BuildLog;
import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * Packs an artifact as an OCI image with jib-core (no Docker daemon) and pushes it: the
 * artifact's files at {@code /app}, its environment, and {@code sh -c <start command>} as the
 * entrypoint.
 */
public final class ImagePublisher {
    static final String APP_DIR = "/app";
    private final ImageConfig config;
    private final Path cacheDir;

    public ImagePublisher(ImageConfig config, Path cacheDir) {
        this.config = config;
        this.cacheDir = cacheDir;
    }

    /** The pushed image of an app by digest ({@code <registry>/<prefix><app>@sha256:…}): immutable, unlike its tag. */
    public String reference(String appName, String digest) {
        return config.registry() + "/" + config.repositoryPrefix() + appName + "@" + digest;
    }

    /** Pushes {@code <registry>/<prefix><app>:<tag>} and returns its manifest digest ({@code sha256:…}). */
    public String publish(String appName, String tag, Artifact artifact, BuildLog log) throws ImagePushException {
        String reference = config.registry() + "/" + config.repositoryPrefix() + appName + ":" + tag;
        log.line("-----> Pushing image " + reference);
        try {
            RegistryImage target = RegistryImage.named(reference);
            if (config.username() != null) {
                target.addCredential(config.username(), config.password() == null ? "" : config.password());
            }
            JibContainerBuilder image = ("scratch".equals(config.baseImage()) ? Jib.fromScratch() : Jib.from(config.baseImage()))
                    .setEnvironment(artifact.env())
                    .setWorkingDirectory(AbsoluteUnixPath.get(APP_DIR))
                    .setEntrypoint(List.of("/bin/sh", "-c", artifact.startCommand()))
                    .addLabel("cloud.nextmcp.artifact", artifact.digest())
                    .addLabel("cloud.nextmcp.buildpack", artifact.buildpack());
            for (Path child : children(artifact.directory())) {
                image.addLayer(List.of(child), AbsoluteUnixPath.get(APP_DIR));
            }
            Containerizer containerizer = Containerizer.to(target)
                    .setAllowInsecureRegistries(config.insecure())
                    .setBaseImageLayersCache(cacheDir.resolve("base"))
                    .setApplicationLayersCache(cacheDir.resolve("application"))
                    .setToolName("nextmcp");
            JibContainer container = image.containerize(containerizer);
            String digest = container.getDigest().toString();
            log.line("-----> Image pushed: " + digest);
            return digest;
        } catch (InvalidImageReferenceException e) {
            throw new ImagePushException("image name '" + reference + "' is invalid: " + e.getMessage(), e);
        } catch (RegistryException | ExecutionException | CacheDirectoryCreationException | IOException e) {
            throw new ImagePushException("could not push the image to " + config.registry() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImagePushException("image push interrupted", e);
        }
    }

    private static List<Path> children(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
