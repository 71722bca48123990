package cloud.nextmcp.deploy.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@code nextmcp-server} image to an OCI tarball with no base image to pull: a
 * distroless-style root made here (the C libraries the JVM links, from Debian's installed packages;
 * passwd and group with one non-root user), a JRE jlinked from the running JDK, and the one jar.
 * There is no shell in it. Run by {@code bin/build-image}; see docs/cluster.md.
 */
public final class PlatformImage {
    /** The non-root user and group the platform runs as (the number distroless images use). */
    public static final int USER = 65532;
    public static final String JAVA = "/opt/java/bin/java";
    public static final String JAR = "/app/nextmcp-server.jar";
    public static final String CONFIG = "/etc/nextmcp/nextmcp.yml";
    public static final List<String> ENTRYPOINT = List.of(JAVA, "-XX:MaxRAMPercentage=75", "-jar", JAR);
    public static final List<String> DEFAULT_ARGS = List.of("server", CONFIG);

    private final Path jar;
    private final Path work;

    /** @param work a scratch directory for the jlinked JRE and jib's layer cache */
    public PlatformImage(Path jar, Path work) {
        this.jar = jar;
        this.work = work;
    }

    public JibContainer buildTarball(Path tarball, String reference) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("No server jar at " + jar + ": build it first with "
                    + "mvn -pl server -am package -DskipTests");
        }
        Path jre = new JreImage(work.resolve("jre")).build();
        Path root = new BaseRoot(work.resolve("root"), USER).build();
        ImageReference name = reference(reference);
        return Jib.fromScratch()
                .setFormat(ImageFormat.OCI)
                .addFileEntriesLayer(BaseRoot.layer("base", root, AbsoluteUnixPath.get("/")))
                .addFileEntriesLayer(BaseRoot.layer("jre", jre, AbsoluteUnixPath.get("/opt/java")))
                .addFileEntriesLayer(BaseRoot.layer("app", jar, AbsoluteUnixPath.get(JAR)))
                .setEntrypoint(ENTRYPOINT)
                .setProgramArguments(DEFAULT_ARGS)
                .setEnvironment(Map.of("JAVA_HOME", "/opt/java", "HOME", "/var/lib/nextmcp",
                        "NEXTMCP_DATA_DIR", "/var/lib/nextmcp"))
                .setWorkingDirectory(AbsoluteUnixPath.get("/var/lib/nextmcp"))
                .setUser(USER + ":" + USER)
                .addLabel("org.opencontainers.image.title", "nextmcp-server")
                .containerize(Containerizer.to(TarImage.at(tarball).named(name))
                        .setBaseImageLayersCache(work.resolve("cache"))
                        .setApplicationLayersCache(work.resolve("cache"))
                        .setOfflineMode(true));
    }

    private static ImageReference reference(String reference) {
        try {
            return ImageReference.parse(reference);
        } catch (InvalidImageReferenceException e) {
            throw new IllegalArgumentException("Not an image reference: " + reference + " (e.g. nextmcp-server:0.1.0)", e);
        }
    }

    /** {@code PlatformImage <server jar> <output tarball> <image reference> <work dir>} */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: PlatformImage <server jar> <output tarball> <image reference> <work dir>");
            System.exit(2);
        }
        JibContainer built = new PlatformImage(Path.of(args[0]), Path.of(args[3])).buildTarball(Path.of(args[1]), args[2]);
        System.out.println("Built " + args[2] + " (" + built.getDigest() + ") into " + args[1]);
    }
}
