package cloud.nextmcp.server.platform;

import io.dropwizard.configuration.ConfigurationSourceProvider;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a configuration file from disk, or from the jar when the path starts with {@code classpath:}. */
public final class FileOrClasspathSourceProvider implements ConfigurationSourceProvider {
    public static final String CLASSPATH_PREFIX = "classpath:";

    @Override
    public InputStream open(String path) throws IOException {
        if (path.startsWith(CLASSPATH_PREFIX)) {
            String resource = path.substring(CLASSPATH_PREFIX.length());
            InputStream in = getClass().getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new FileNotFoundException("No configuration " + resource + " in the server jar");
            }
            return in;
        }
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException("Configuration file not found: " + file.toAbsolutePath());
        }
        return Files.newInputStream(file);
    }
}
