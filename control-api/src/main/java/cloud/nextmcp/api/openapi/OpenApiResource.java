package cloud.nextmcp.api.openapi;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the hand-written OpenAPI description. The build copies {@code docs/openapi.yaml} onto
 * the classpath, so the served file and the documented one are the same file.
 */
@Path("/api/v1/openapi.yaml")
public final class OpenApiResource {
    public static final String CLASSPATH_LOCATION = "/cloud/nextmcp/api/openapi/openapi.yaml";
    private static final String MEDIA_TYPE = "application/yaml";

    private final byte[] document;

    public OpenApiResource() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(CLASSPATH_LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_LOCATION + " is missing from the classpath; "
                        + "the build copies it from docs/openapi.yaml");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + CLASSPATH_LOCATION, e);
        }
    }

    @GET
    @Produces({MEDIA_TYPE, "text/yaml", "text/plain"})
    public byte[] document() {
        return document;
    }
}
