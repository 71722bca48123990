package cloud.nextmcp.router.domains;

import cloud.nextmcp.core.domains.AcmeDao;
import cloud.nextmcp.core.domains.CertificateDao;
import cloud.nextmcp.core.domains.StoredCertificate;
import cloud.nextmcp.core.domains.WildcardCertificateDao;
import cloud.nextmcp.core.secrets.SecretBox;
import io.netty.handler.ssl.SslContext;
import cloud.nextmcp.router.tls.Alpn;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads challenge answers and certificates. Certificates are opened with the master key and
 * parsed only when their row changed; one that cannot be opened is logged and left out, so one bad
 * row never stops the others from being served.
 */
public final class DomainLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DomainLoader.class);

    private final Jdbi jdbi;
    private final SecretBox secretBox;

    /** secretBox null: no certificates are loaded (a router without the master key). */
    public DomainLoader(Jdbi jdbi, SecretBox secretBox) {
        this.jdbi = jdbi;
        this.secretBox = secretBox;
    }

    public DomainSnapshot load(DomainSnapshot previous) {
        Map<String, DomainSnapshot.Challenge> challenges = new HashMap<>();
        List<WildcardCertificateDao.Wildcard> wildcardRows = new ArrayList<>();
        List<StoredCertificate> stored = jdbi.withHandle(h -> {
            h.attach(AcmeDao.class).liveChallenges().forEach(c ->
                    challenges.put(c.token(), new DomainSnapshot.Challenge(c.hostname(), c.keyAuthorization())));
            if (secretBox == null) {
                return List.<StoredCertificate>of();
            }
            wildcardRows.addAll(h.attach(WildcardCertificateDao.class).issued());
            return h.attach(CertificateDao.class).served();
        });
        Map<String, DomainSnapshot.Served> wildcards = new HashMap<>();
        for (WildcardCertificateDao.Wildcard w : wildcardRows) {
            StoredCertificate asStored = new StoredCertificate(0, "*." + w.appsDomain(), w.chainSealed(), w.keySealed(),
                    w.notBefore(), w.notAfter(), false);
            DomainSnapshot.Served served = served(asStored, previous.wildcards().get(w.appsDomain()));
            if (served != null) {
                wildcards.put(w.appsDomain(), served);
            }
        }
        Map<String, DomainSnapshot.Served> certificates = new HashMap<>();
        for (StoredCertificate c : stored) {
            DomainSnapshot.Served served = served(c, previous.certificates().get(c.hostname()));
            if (served != null) {
                certificates.put(c.hostname(), served);
            }
        }
        return new DomainSnapshot(challenges, certificates, wildcards);
    }

    /** The loaded certificate, reusing the previous context when the row did not change; null when it cannot be opened. */
    private DomainSnapshot.Served served(StoredCertificate c, DomainSnapshot.Served known) {
        String version = c.notBefore() + "/" + c.notAfter() + "/" + Arrays.hashCode(c.chainSealed());
        if (known != null && known.domainId() == c.domainId() && known.version().equals(version)) {
            return new DomainSnapshot.Served(c.domainId(), version, known.context(), c.notAfter(), c.redirectHttp());
        }
        try {
            return new DomainSnapshot.Served(c.domainId(), version, context(c), c.notAfter(), c.redirectHttp());
        } catch (Exception e) {
            LOG.error("The certificate of {} (domain id {}) cannot be loaded; it is not served", c.hostname(), c.domainId(), e);
            return null;
        }
    }

    private SslContext context(StoredCertificate c) throws Exception {
        String chainPem = new String(secretBox.open(c.chainSealed(), CertificateDao.context(c.hostname(), "chain")), StandardCharsets.UTF_8);
        String keyPem = new String(secretBox.open(c.keySealed(), CertificateDao.context(c.hostname(), "key")), StandardCharsets.UTF_8);
        X509Certificate[] chain = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(chainPem.getBytes(StandardCharsets.US_ASCII)))
                .stream().map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        return Alpn.offerH2(SslContextBuilder.forServer(privateKey(keyPem), chain)).build();
    }

    /** A PKCS#8 PEM key (what the certificate manager stores), EC or RSA. */
    static PrivateKey privateKey(String pem) throws Exception {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        try {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        } catch (java.security.spec.InvalidKeySpecException e) {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        }
    }
}
