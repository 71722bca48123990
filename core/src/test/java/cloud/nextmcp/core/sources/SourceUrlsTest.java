package cloud.nextmcp.core.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceUrlsTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void aSignedUrlIsValidForItsBuildUntilItExpires() {
        SourceUrls signer = new SourceUrls(KEY, Clock.fixed(NOW, ZoneOffset.UTC));
        URI url = URI.create(signer.url("http://git.nextmcp.svc:2280/", 42, Duration.ofMinutes(15)));
        assertThat(url.getPath()).isEqualTo("/source/42.tar.gz");
        Map<String, String> q = query(url);
        long expires = Long.parseLong(q.get("expires"));
        assertThat(expires).isEqualTo(NOW.plusSeconds(900).getEpochSecond());

        assertThat(signer.valid(42, expires, q.get("sig"))).isTrue();
        assertThat(signer.valid(43, expires, q.get("sig"))).as("another build").isFalse();
        assertThat(signer.valid(42, expires + 3600, q.get("sig"))).as("a longer expiry").isFalse();
        assertThat(new SourceUrls("another key, 32 bytes long......".getBytes(), Clock.fixed(NOW, ZoneOffset.UTC))
                .valid(42, expires, q.get("sig"))).as("another key").isFalse();
        assertThat(new SourceUrls(KEY, Clock.fixed(NOW.plusSeconds(901), ZoneOffset.UTC)).valid(42, expires, q.get("sig")))
                .as("expired").isFalse();
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> q = new HashMap<>();
        for (String part : url.getQuery().split("&")) {
            String[] kv = part.split("=", 2);
            q.put(kv[0], kv[1]);
        }
        return q;
    }
}
