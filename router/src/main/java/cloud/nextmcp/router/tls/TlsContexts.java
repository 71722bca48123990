package cloud.nextmcp.router.tls;

import cloud.nextmcp.router.RouterConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.netty.util.DomainWildcardMappingBuilder;
import io.netty.util.Mapping;
import java.io.File;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.net.ssl.SSLException;

/** Builds the SNI map (host name → certificate) from configuration, with a generated self-signed fallback for dev. */
public final class TlsContexts {
    private TlsContexts() {
    }

    public static Mapping<String, SslContext> build(RouterConfig.Tls tls, String appsDomain) {
        try {
            SslContext fallback = null;
            DomainWildcardMappingBuilder<SslContext> map = null;
            for (RouterConfig.Certificate c : tls.certificates()) {
                SslContext ctx = SslContextBuilder.forServer(new File(c.certFile()), new File(c.keyFile())).build();
                if (fallback == null) {
                    fallback = ctx;
                    map = new DomainWildcardMappingBuilder<>(ctx);
                }
                for (String host : c.hostnames()) {
                    map.add(host, ctx);
                }
            }
            if (fallback == null) {
                SslContext self = selfSigned(appsDomain);
                map = new DomainWildcardMappingBuilder<>(self);
            }
            return map.build();
        } catch (SSLException e) {
            throw new IllegalStateException("Could not load the router's TLS certificates: " + e.getMessage(), e);
        }
    }

    /** A throw-away certificate for the apps domain and its subdomains, for dev only (browsers will warn). */
    static SslContext selfSigned(String appsDomain) {
        try {
            X509Bundle bundle = new CertificateBuilder()
                    .subject("CN=" + appsDomain)
                    .addSanDnsName(appsDomain)
                    .addSanDnsName("*." + appsDomain)
                    .notBefore(Instant.now().minus(1, ChronoUnit.DAYS))
                    .notAfter(Instant.now().plus(365, ChronoUnit.DAYS))
                    .setIsCertificateAuthority(false)
                    .ecp256()
                    .buildSelfSigned();
            return SslContextBuilder.forServer(bundle.toKeyManagerFactory()).build();
        } catch (Exception e) {
            throw new IllegalStateException("Could not generate the dev self-signed certificate for " + appsDomain, e);
        }
    }
}
