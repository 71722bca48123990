package cloud.nextmcp.server.domains;

import cloud.nextmcp.core.domains.CertificateDao;
import cloud.nextmcp.core.domains.Domain;
import cloud.nextmcp.core.domains.DomainDao;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.secrets.SecretBox;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.shredzone.acme4j.exception.AcmeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets and renews certificates for verified custom domains whose DNS points at the platform:
 * ordered when missing, renewed {@code acme.renewBefore} their expiry, retried with back-off. A
 * failure marks the domain {@code failing} with the reason and writes it to the app's log; an
 * expired certificate is never served (routers skip it), so the reason is what users see.
 * Only rows of verified domains are ever ordered: a TLS handshake for an unknown name orders nothing.
 */
public final class CertificateManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateManager.class);
    private static final int BATCH = 5;

    private final AcmeConfig config;
    private final Jdbi jdbi;
    private final EventBus events;
    private final SecretBox secretBox;
    private final AcmeClient acme;
    private final Clock clock;
    private final Ticker ticker;

    public CertificateManager(AcmeConfig config, Jdbi jdbi, EventBus events, SecretBox secretBox, AcmeClient acme, Clock clock) {
        this.config = config;
        this.jdbi = jdbi;
        this.events = events;
        this.secretBox = secretBox;
        this.acme = acme;
        this.clock = clock;
        this.ticker = new Ticker("certificate-manager", config.checkInterval(), this::orderDue);
    }

    public void start() {
        ticker.start(events, Channels.DOMAINS);
    }

    void orderDue() {
        long lease = config.orderTimeout().multipliedBy(3).toSeconds() + 60;
        List<Long> due = jdbi.inTransaction(h -> h.attach(DomainDao.class)
                .claimDueCertificates(BATCH, lease, config.renewBefore().toSeconds()));
        for (long id : due) {
            jdbi.withHandle(h -> h.attach(DomainDao.class).byId(id)).ifPresent(this::order);
        }
    }

    private void order(Domain d) {
        boolean renewal = d.certificateNotAfter() != null;
        LOG.info("{} a certificate for domain {} of app {} (id {})", renewal ? "Renewing" : "Ordering", d.hostname(),
                d.appName(), d.appId());
        try {
            AcmeClient.Issued issued = acme.issue(d.hostname());
            store(d, issued);
        } catch (AcmeException | RuntimeException e) {
            failed(d, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void store(Domain d, AcmeClient.Issued issued) {
        byte[] chain = secretBox.seal(issued.chainPem().getBytes(StandardCharsets.UTF_8), CertificateDao.context(d.hostname(), "chain"));
        byte[] key = secretBox.seal(issued.keyPem().getBytes(StandardCharsets.UTF_8), CertificateDao.context(d.hostname(), "key"));
        jdbi.useTransaction(h -> {
            if (h.attach(DomainDao.class).certificateIssued(d.id()) == 0) {
                return; // removed or unverified meanwhile: the certificate is not kept
            }
            h.attach(CertificateDao.class).store(d.id(), d.hostname(), chain, key, issued.notBefore(), issued.notAfter());
            EventBus.publish(h, Channels.DOMAINS, d.hostname());
            AppEvents.log(h, d.appId(), "Certificate for " + d.hostname() + " issued, valid until " + issued.notAfter());
        });
        LOG.info("Certificate for domain {} of app {} (id {}) stored, valid until {}", d.hostname(), d.appName(), d.appId(),
                issued.notAfter());
    }

    private void failed(Domain d, Exception e) {
        Instant now = clock.instant();
        Instant next = now.plus(config.backoff(d.certFailures()));
        String cause = e instanceof AcmeException ? describe(e) : "unexpected error (" + e.getClass().getSimpleName() + ")";
        String reason = (d.certificateNotAfter() == null ? "certificate order failed: "
                : d.certificateNotAfter().isAfter(now)
                        ? "certificate renewal failed (the current one expires at " + d.certificateNotAfter() + "): "
                        : "certificate expired at " + d.certificateNotAfter() + " and renewal failed: ")
                + cause + "; next attempt at " + next;
        jdbi.useTransaction(h -> {
            if (h.attach(DomainDao.class).certificateFailed(d.id(), reason, next) > 0) {
                EventBus.publish(h, Channels.DOMAINS, d.hostname());
                AppEvents.log(h, d.appId(), "Domain " + d.hostname() + ": " + reason);
            }
        });
        if (e instanceof AcmeException) {
            LOG.warn("Domain {} of app {} (id {}): {}", d.hostname(), d.appName(), d.appId(), reason);
        } else {
            LOG.error("Domain {} of app {} (id {}): certificate order failed unexpectedly", d.hostname(), d.appName(), d.appId(), e);
        }
    }

    /** The ACME error as a user can act on it; a network failure names the ACME server. */
    private String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof org.shredzone.acme4j.exception.AcmeNetworkException) {
            return "the ACME server at " + config.directoryUrl() + " could not be reached (" + message + ")";
        }
        return message;
    }

    @Override
    public void close() {
        ticker.close();
    }
}
