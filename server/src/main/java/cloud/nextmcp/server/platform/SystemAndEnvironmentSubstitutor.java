package cloud.nextmcp.server.platform;

import io.dropwizard.configuration.ConfigurationSourceProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookup;

/**
 * Expands {@code ${NAME:-default}} in configuration files from system properties first, then
 * environment variables, so tests and the dev launcher can set values without editing files.
 */
public final class SystemAndEnvironmentSubstitutor implements ConfigurationSourceProvider {
    private final ConfigurationSourceProvider delegate;
    private final StringSubstitutor substitutor;

    public SystemAndEnvironmentSubstitutor(ConfigurationSourceProvider delegate, Map<String, String> environment) {
        this.delegate = delegate;
        StringLookup lookup = name -> {
            String value = System.getProperty(name);
            return value != null ? value : environment.get(name);
        };
        this.substitutor = new StringSubstitutor(lookup);
        this.substitutor.setEnableUndefinedVariableException(true);
        this.substitutor.setValueDelimiter(":-");
    }

    @Override
    public InputStream open(String path) throws IOException {
        try (InputStream in = delegate.open(path)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new ByteArrayInputStream(substitutor.replace(text).getBytes(StandardCharsets.UTF_8));
        }
    }
}
