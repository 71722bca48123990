package cloud.nextmcp.router.tls;

import cloud.nextmcp.router.domains.DomainSnapshot;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The SNI choice: a verified custom domain's own certificate, or the ACME-issued wildcard for the
 * apps domain (from the live snapshot, so a new or renewed certificate is served at the next
 * handshake, no restart), else the configured ones (an operator-supplied wildcard). An expired certificate is never served: the name falls back,
 * and the domain shows {@code failing} with the reason.
 */
public final class SniCertificates implements Mapping<String, SslContext> {
    private final Supplier<DomainSnapshot> domains;
    private final Mapping<String, SslContext> configured;
    private final Clock clock;

    public SniCertificates(Supplier<DomainSnapshot> domains, Mapping<String, SslContext> configured, Clock clock) {
        this.domains = domains;
        this.configured = configured;
        this.clock = clock;
    }

    @Override
    public SslContext map(String hostname) {
        if (hostname != null) {
            String name = hostname.toLowerCase(Locale.ROOT);
            DomainSnapshot.Served served = domains.get().certificateFor(name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
            if (served != null && served.validAt(clock.instant())) {
                return served.context();
            }
        }
        return configured.map(hostname);
    }
}
