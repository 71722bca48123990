package cloud.nextmcp.deploy.image;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/** A JRE jlinked from the JDK running this build, with the modules the platform's jar uses. */
final class JreImage {
    /** What the server needs beyond java.se: Netty and JGit use Unsafe, JGit zipfs, the JDBC driver and TLS crypto. */
    static final List<String> MODULES = List.of("java.se", "jdk.unsupported", "jdk.crypto.ec", "jdk.zipfs",
            "jdk.management", "jdk.naming.dns", "jdk.httpserver", "jdk.localedata");

    private final Path output;

    JreImage(Path output) {
        this.output = output;
    }

    Path build() throws IOException {
        delete(output);
        Files.createDirectories(output.getParent());
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() -> new IllegalStateException(
                "jlink is not available: build the image with a full JDK (not a JRE)"));
        StringWriter log = new StringWriter();
        int exit = jlink.run(new PrintWriter(log), new PrintWriter(log), "--add-modules", String.join(",", MODULES),
                "--strip-debug", "--no-man-pages", "--no-header-files", "--compress=2",
                "--include-locales=en", "--output", output.toString());
        if (exit != 0) {
            throw new IllegalStateException("jlink failed (" + exit + "): " + log);
        }
        return output;
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
