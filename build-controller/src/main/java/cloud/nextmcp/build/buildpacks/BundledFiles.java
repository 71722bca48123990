package cloud.nextmcp.build.buildpacks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Programs the platform ships with its buildpacks (launchers, the stdio bridge), written into an app at build time. */
final class BundledFiles {
    private BundledFiles() {
    }

    static void write(String resource, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = BundledFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the platform's class path");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
