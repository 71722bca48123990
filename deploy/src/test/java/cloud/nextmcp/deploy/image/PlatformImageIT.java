package cloud.nextmcp.deploy.image;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.testing.Prerequisites;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the platform's image from the server module's jar into an OCI tarball, as bin/build-image
 * does, and checks what a cluster operator relies on: a non-root user, the java entrypoint on the
 * one jar, three layers (base, JRE, app), no shell; then runs the server jar with the image's own java
 * in a sandbox whose root is the unpacked layers, to show the base is complete.
 */
class PlatformImageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path work;
    private static Map<String, byte[]> tarball;
    private static JsonNode config;
    private static List<Map<String, TarArchiveEntry>> layers;
    private static Path rootfs;

    @BeforeAll
    static void build() throws Exception {
        Path jar = Path.of(System.getProperty("nextmcp.server.jar", "../server/target/nextmcp-server.jar"));
        Prerequisites.require(Files.isRegularFile(jar), "the server jar at " + jar + " (mvn -pl deploy -am verify builds it)");
        Path output = Path.of(System.getProperty("nextmcp.image.tar", work.resolve("image.tar").toString()));
        new PlatformImage(jar, work.resolve("build")).buildTarball(output, "nextmcp-server:test");
        tarball = entries(Files.newInputStream(output));
        // An OCI image layout (what skopeo reads as oci-archive:): index.json names the manifest blob.
        JsonNode index = JSON.readTree(tarball.get("index.json"));
        assertThat(index.at("/manifests/0/annotations/org.opencontainers.image.ref.name").asText()).isEqualTo("nextmcp-server:test");
        JsonNode manifest = JSON.readTree(blob(index.at("/manifests/0/digest").asText()));
        config = JSON.readTree(blob(manifest.at("/config/digest").asText()));
        rootfs = Files.createDirectories(work.resolve("rootfs"));
        layers = new ArrayList<>();
        for (JsonNode layer : manifest.get("layers")) {
            layers.add(unpack(blob(layer.get("digest").asText()), rootfs));
        }
    }

    @Test
    void runsAsANonRootUserWithTheJarAsEntrypoint() {
        JsonNode c = config.get("config");
        assertThat(c.get("User").asText()).isEqualTo("65532:65532");
        assertThat(JSON.convertValue(c.get("Entrypoint"), List.class)).isEqualTo(PlatformImage.ENTRYPOINT);
        assertThat(JSON.convertValue(c.get("Cmd"), List.class)).isEqualTo(List.of("server", "/etc/nextmcp/nextmcp.yml"));
        assertThat(config.get("os").asText()).isEqualTo("linux");
    }

    @Test
    void hasABaseAJreAndTheOneJarAsLayersAndNoShell() {
        assertThat(layers).hasSize(3);
        assertThat(layers.get(0)).containsKeys("etc/passwd", "etc/ssl/certs/ca-certificates.crt")
                .doesNotContainKeys("bin/sh", "usr/bin/sh", "bin/bash", "usr/bin/bash", "usr/bin/dpkg");
        assertThat(layers.get(0).keySet()).anyMatch(p -> p.matches(".*/libc\\.so\\.6"));
        assertThat(layers.get(1)).containsKeys("opt/java/bin/java", "opt/java/lib/modules");
        assertThat(layers.get(2).keySet()).containsExactlyInAnyOrder("app/", "app/nextmcp-server.jar");
        assertThat(layers.get(2).get("app/nextmcp-server.jar").getUserId()).isZero();
        assertThat(layers.get(0).get("var/lib/nextmcp/").getLongUserId()).isEqualTo(PlatformImage.USER);
        for (Map<String, TarArchiveEntry> layer : layers) {
            assertThat(layer.keySet()).noneMatch(p -> p.endsWith("/sh") || p.endsWith("/bash") || p.endsWith("/dash"));
        }
    }

    /** As a container runtime would: the layers as root, /proc mounted, the image's user, no network. */
    @Test
    void theServerJarRunsOnTheImagesOwnJavaAndLibraries() throws Exception {
        Prerequisites.require(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bubblewrap (Debian package bubblewrap)");
        List<String> command = new ArrayList<>(List.of("bwrap", "--bind", rootfs.toString(), "/", "--proc", "/proc",
                "--dev", "/dev", "--tmpfs", "/tmp", "--unshare-all", "--uid", "65532", "--gid", "65532", "--die-with-parent"));
        command.addAll(PlatformImage.ENTRYPOINT);
        command.add("--help");
        Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(server.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).as(out).isZero();
        assertThat(out).contains("{server,check,dev,db}");
    }

    private static byte[] blob(String digest) {
        byte[] bytes = tarball.get("blobs/" + digest.replace(':', '/'));
        assertThat(bytes).as("blob %s is in the tarball", digest).isNotNull();
        return bytes;
    }

    private static Map<String, byte[]> entries(InputStream in) throws IOException {
        Map<String, byte[]> all = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.isFile()) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    tar.transferTo(bytes);
                    all.put(e.getName(), bytes.toByteArray());
                }
            }
        }
        return all;
    }

    /** The layer's entries by path, its files written under {@code root} with their modes. */
    private static Map<String, TarArchiveEntry> unpack(byte[] layer, Path root) throws IOException {
        Map<String, TarArchiveEntry> byPath = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(layer)))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                byPath.put(e.getName(), e);
                Path target = root.resolve(e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    target.toFile().setExecutable((e.getMode() & 0100) != 0, false);
                }
            }
        }
        return byPath;
    }
}
