package cloud.nextmcp.server;

import java.nio.file.Files;
import java.nio.file.Path;

/** The example apps of the repository ({@code examples/}), as a user would copy them. */
final class Examples {
    private Examples() {
    }

    static Path path(String name) {
        // Surefire runs in the module directory; the examples are beside it.
        Path p = Path.of("").toAbsolutePath().getParent().resolve("examples").resolve(name);
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("No example app at " + p);
        }
        return p;
    }
}
