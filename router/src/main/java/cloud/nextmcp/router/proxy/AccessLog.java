package cloud.nextmcp.router.proxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One structured JSON line per request on logger {@code cloud.nextmcp.router.access}. */
public final class AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger("cloud.nextmcp.router.access");
    private static final JsonFactory JSON = new JsonFactory();

    /** What is known about a finished request. */
    public record Entry(long startMillis, String client, String host, String method, String uri, int status,
                        String app, String instance, long upstreamHeaderMicros, long totalMicros,
                        long bytesIn, long bytesOut, String mcpMethod, String mcpName, String subject, String outcome) {
    }

    private final boolean enabled;

    public AccessLog(boolean enabled) {
        this.enabled = enabled && LOG.isInfoEnabled();
    }

    /** False when the log is off: callers then skip building the entry. */
    public boolean enabled() {
        return enabled;
    }

    public void log(Entry e) {
        if (!enabled) {
            return;
        }
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.ofEpochMilli(e.startMillis()).toString());
            g.writeStringField("client", e.client());
            g.writeStringField("host", e.host());
            g.writeStringField("method", e.method());
            g.writeStringField("uri", e.uri());
            g.writeNumberField("status", e.status());
            if (e.app() != null) {
                g.writeStringField("app", e.app());
            }
            if (e.instance() != null) {
                g.writeStringField("instance", e.instance());
            }
            if (e.upstreamHeaderMicros() >= 0) {
                g.writeNumberField("upstream_ms", e.upstreamHeaderMicros() / 1000.0);
            }
            g.writeNumberField("total_ms", e.totalMicros() / 1000.0);
            g.writeNumberField("bytes_in", e.bytesIn());
            g.writeNumberField("bytes_out", e.bytesOut());
            if (e.mcpMethod() != null) {
                g.writeStringField("mcp_method", e.mcpMethod());
            }
            if (e.mcpName() != null) {
                g.writeStringField("mcp_name", e.mcpName());
            }
            if (e.subject() != null) {
                g.writeStringField("subject", e.subject());
            }
            g.writeStringField("outcome", e.outcome());
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        LOG.info(out.toString());
    }
}
