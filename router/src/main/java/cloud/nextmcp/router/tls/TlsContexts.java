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
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** Builds the SNI map (host name → certificate) from configuration, with a generated self-signed fallback for dev. */
public final class TlsContexts {
    private TlsContexts() {
    }

    public static Mapping<String, SslContext> build(RouterConfig.Tls tls, String appsDomain) {
        try {
            SslContext fallback = null;
            DomainWildcardMappingBuilder<SslContext> map = null;
            for (RouterConfig.Certificate c : tls.certificates()) {
                SslContext ctx = Alpn.offerH2(SslContextBuilder.forServer(new File(c.certFile()), new File(c.keyFile()))).build();
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

    /**
     * A throw-away certificate for the apps domain and its subdomains, for dev only (browsers will
     * warn). It is issued by a generated root rather than signed by itself, as a self-signed
     * certificate must be a CA and a CA certificate is not meant to serve a site.
     */
    static SslContext selfSigned(String appsDomain) {
        try {
            Instant now = Instant.now();
            X509Bundle root = new CertificateBuilder()
                    .subject("CN=NextMCP dev CA for " + appsDomain)
                    .notBefore(now.minus(1, ChronoUnit.DAYS))
                    .notAfter(now.plus(365, ChronoUnit.DAYS))
                    .setIsCertificateAuthority(true)
                    .ecp256()
                    .buildSelfSigned();
            X509Bundle leaf = new CertificateBuilder()
                    .subject("CN=" + appsDomain)
                    .addExtensionOctetString(Extension.subjectAlternativeName.getId(), false, dnsNames(appsDomain, "*." + appsDomain))
                    .notBefore(now.minus(1, ChronoUnit.DAYS))
                    .notAfter(now.plus(365, ChronoUnit.DAYS))
                    .setIsCertificateAuthority(false)
                    .ecp256()
                    .buildIssuedBy(root);
            return Alpn.offerH2(SslContextBuilder.forServer(leaf.toKeyManagerFactory())).build();
        } catch (Exception e) {
            throw new IllegalStateException("Could not generate the dev self-signed certificate for " + appsDomain, e);
        }
    }

    /** A DER subjectAltName value; CertificateBuilder.addSanDnsName cannot take a wildcard name. */
    private static byte[] dnsNames(String... names) throws java.io.IOException {
        GeneralName[] all = new GeneralName[names.length];
        for (int i = 0; i < names.length; i++) {
            all[i] = new GeneralName(GeneralName.dNSName, names[i]);
        }
        return new GeneralNames(all).getEncoded(ASN1Encoding.DER);
    }
}
