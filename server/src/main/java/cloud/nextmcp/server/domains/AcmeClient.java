package cloud.nextmcp.server.domains;

import cloud.nextmcp.core.domains.AcmeDao;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.secrets.SecretBox;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jdbi.v3.core.Jdbi;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.shredzone.acme4j.util.KeyPairUtils;
import org.slf4j.LoggerFactory;

/**
 * Orders one certificate for one host name with the HTTP-01 challenge (acme4j). The answer is a
 * row in {@code acme_challenges}, announced on NOTIFY {@code domains}, so whichever router replica
 * the CA reaches answers it. The platform's one account key is generated once and stored sealed.
 */
public class AcmeClient {
    /** A certificate as issued: chain and key in PEM (the key PKCS#8), and its validity. */
    public record Issued(String chainPem, String keyPem, Instant notBefore, Instant notAfter) {
    }

    private final AcmeConfig config;
    private final Jdbi jdbi;
    private final SecretBox secretBox;
    private final Clock clock;
    private final SSLContext trust;

    public AcmeClient(AcmeConfig config, Jdbi jdbi, SecretBox secretBox, Clock clock) {
        this.config = config;
        this.jdbi = jdbi;
        this.secretBox = secretBox;
        this.clock = clock;
        this.trust = config.caCertificate() == null ? null : trusting(Path.of(config.caCertificate()));
    }

    /** One authorization's challenge, answered and validated. */
    private interface Answerer {
        void answer(Authorization auth) throws AcmeException, InterruptedException;
    }

    /** A certificate for one custom domain, proven with HTTP-01. */
    public Issued issue(String hostname) throws AcmeException, InterruptedException {
        return order(List.of(hostname), auth -> answer(hostname, auth));
    }

    /** The certificate for {@code *.<appsDomain>} and the apps domain itself, proven with DNS-01 through RFC 2136 updates. */
    public Issued issueWildcard(String appsDomain, DnsUpdater updater) throws AcmeException, InterruptedException {
        return order(List.of("*." + appsDomain, appsDomain), auth -> answerDns(updater, auth));
    }

    private Issued order(List<String> names, Answerer answerer) throws AcmeException, InterruptedException {
        Session session = new Session(URI.create(config.directoryUrl()), new Provider(trust));
        session.networkSettings().setTimeout(Duration.ofSeconds(30));
        AccountBuilder account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey());
        if (config.email() != null) {
            account.addEmail(config.email());
        }
        Login login = account.createLogin(session);
        Order order = login.newOrder().domains(names).create();
        for (Authorization auth : order.getAuthorizations()) {
            if (auth.getStatus() != Status.VALID) {
                answerer.answer(auth);
            }
        }
        KeyPair domainKey = KeyPairUtils.createECKeyPair("secp256r1");
        order.waitUntilReady(config.orderTimeout());
        order.execute(domainKey);
        if (order.waitForCompletion(config.orderTimeout()) != Status.VALID) {
            throw new AcmeException("the order for " + names + " ended " + order.getStatus() + problem(order.getError().orElse(null)));
        }
        org.shredzone.acme4j.Certificate cert = order.getCertificate();
        StringWriter chain = new StringWriter();
        try {
            cert.writeCertificate(chain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        X509Certificate leaf = cert.getCertificate();
        return new Issued(chain.toString(), pkcs8Pem(domainKey), leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
    }

    private void answerDns(DnsUpdater updater, Authorization auth) throws AcmeException, InterruptedException {
        Dns01Challenge challenge = auth.findChallenge(Dns01Challenge.class)
                .orElseThrow(() -> new AcmeException("the ACME server offers no DNS-01 challenge for " + auth.getIdentifier().getDomain()));
        String name = challenge.getRRName(auth.getIdentifier());
        String digest = challenge.getDigest();
        try {
            updater.addTxt(name, digest);
        } catch (IOException e) {
            throw new AcmeException("the DNS-01 record " + name + " could not be created: " + e.getMessage());
        }
        try {
            Thread.sleep(config.challengeDelay().toMillis());
            challenge.trigger();
            if (challenge.waitForCompletion(config.orderTimeout()) != Status.VALID) {
                throw new AcmeException("the ACME server could not validate the TXT record " + name
                        + problem(challenge.getError().orElse(null)));
            }
        } finally {
            try {
                updater.removeTxt(name, digest);
            } catch (IOException e) {
                LoggerFactory.getLogger(AcmeClient.class).warn("The DNS-01 record {} could not be removed: {}", name, e.getMessage());
            }
        }
    }

    private void answer(String hostname, Authorization auth) throws AcmeException, InterruptedException {
        Http01Challenge challenge = auth.findChallenge(Http01Challenge.class)
                .orElseThrow(() -> new AcmeException("the ACME server offers no HTTP-01 challenge for " + hostname));
        String token = challenge.getToken();
        jdbi.useTransaction(h -> {
            h.attach(AcmeDao.class).addChallenge(token, hostname, challenge.getAuthorization(),
                    clock.instant().plus(config.orderTimeout()));
            EventBus.publish(h, Channels.DOMAINS, hostname);
        });
        try {
            Thread.sleep(config.challengeDelay().toMillis());
            challenge.trigger();
            Status status = challenge.waitForCompletion(config.orderTimeout());
            if (status != Status.VALID) {
                throw new AcmeException("the ACME server could not validate http://" + hostname
                        + "/.well-known/acme-challenge/" + problem(challenge.getError().orElse(null))
                        + " (does " + hostname + " reach this platform's router on port 80?)");
            }
        } finally {
            jdbi.useTransaction(h -> {
                h.attach(AcmeDao.class).removeChallenge(token);
                EventBus.publish(h, Channels.DOMAINS, hostname);
            });
        }
    }

    /** The platform's ACME account key: read and opened, or generated and stored once (the first replica wins). */
    private KeyPair accountKey() {
        return jdbi.inTransaction(h -> {
            AcmeDao acme = h.attach(AcmeDao.class);
            byte[] sealed = acme.accountKey().orElse(null);
            if (sealed == null) {
                KeyPair generated = KeyPairUtils.createECKeyPair("secp384r1");
                StringWriter pem = new StringWriter();
                try {
                    KeyPairUtils.writeKeyPair(generated, pem);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                acme.storeAccountKey(secretBox.seal(pem.toString().getBytes(StandardCharsets.UTF_8), AcmeDao.ACCOUNT_KEY_CONTEXT));
                sealed = acme.accountKey().orElseThrow();
            }
            String pem = new String(secretBox.open(sealed, AcmeDao.ACCOUNT_KEY_CONTEXT), StandardCharsets.UTF_8);
            try {
                return KeyPairUtils.readKeyPair(new StringReader(pem));
            } catch (IOException e) {
                throw new UncheckedIOException("The stored ACME account key cannot be read", e);
            }
        });
    }

    private static String problem(Problem p) {
        if (p == null) {
            return "";
        }
        return ": " + p.getDetail().orElse(p.getType().toString());
    }

    static String pkcs8Pem(KeyPair key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** TLS trust for the ACME server: only the configured CA (a test or private ACME server). */
    static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new IllegalArgumentException("acme.caCertificate " + pem + " holds no PEM certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException e) {
            throw new IllegalArgumentException("acme.caCertificate: cannot read " + pem + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("acme.caCertificate " + pem + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    /** acme4j's generic provider, with the configured CA as the only trust for the ACME server's TLS. */
    private static final class Provider extends GenericAcmeProvider {
        private final SSLContext trust;

        Provider(SSLContext trust) {
            this.trust = trust;
        }

        @Override
        public HttpClient createHttpClient(NetworkSettings settings) {
            if (trust == null) {
                return super.createHttpClient(settings);
            }
            return HttpClient.newBuilder().connectTimeout(settings.getTimeout()).followRedirects(HttpClient.Redirect.NORMAL)
                    .sslContext(trust).build();
        }
    }
}
