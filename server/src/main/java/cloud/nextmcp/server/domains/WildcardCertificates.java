package cloud.nextmcp.server.domains;

import cloud.nextmcp.core.domains.CertificateDao;
import cloud.nextmcp.core.domains.WildcardCertificateDao;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.secrets.SecretBox;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.shredzone.acme4j.exception.AcmeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets and renews the certificate for {@code *.<apps-domain>} with DNS-01, through the RFC 2136
 * DNS updater of {@code acme.dnsUpdate}, on the same schedule and back-off as custom domains.
 * Routers serve it by SNI for every name under the apps domain.
 */
public final class WildcardCertificates implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WildcardCertificates.class);

    private final AcmeConfig config;
    private final String appsDomain;
    private final Jdbi jdbi;
    private final EventBus events;
    private final SecretBox secretBox;
    private final AcmeClient acme;
    private final DnsUpdater updater;
    private final Clock clock;
    private final Ticker ticker;

    public WildcardCertificates(AcmeConfig config, String appsDomain, Jdbi jdbi, EventBus events, SecretBox secretBox,
                                AcmeClient acme, DnsUpdater updater, Clock clock) {
        this.config = config;
        this.appsDomain = appsDomain;
        this.jdbi = jdbi;
        this.events = events;
        this.secretBox = secretBox;
        this.acme = acme;
        this.updater = updater;
        this.clock = clock;
        this.ticker = new Ticker("wildcard-certificate", config.checkInterval(), this::orderIfDue);
    }

    public void start() {
        jdbi.useHandle(h -> h.attach(WildcardCertificateDao.class).ensure(appsDomain));
        ticker.start(events, Channels.DOMAINS);
    }

    void orderIfDue() {
        long lease = config.orderTimeout().multipliedBy(3).toSeconds() + 60;
        Integer failures = jdbi.withHandle(h -> h.attach(WildcardCertificateDao.class)
                .claimDue(appsDomain, lease, config.renewBefore().toSeconds())).orElse(null);
        if (failures == null) {
            return;
        }
        String name = "*." + appsDomain;
        LOG.info("Ordering the certificate for {} with DNS-01", name);
        try {
            AcmeClient.Issued issued = acme.issueWildcard(appsDomain, updater);
            byte[] chain = secretBox.seal(issued.chainPem().getBytes(StandardCharsets.UTF_8), CertificateDao.context(name, "chain"));
            byte[] key = secretBox.seal(issued.keyPem().getBytes(StandardCharsets.UTF_8), CertificateDao.context(name, "key"));
            jdbi.useTransaction(h -> {
                h.attach(WildcardCertificateDao.class).store(appsDomain, chain, key, issued.notBefore(), issued.notAfter());
                EventBus.publish(h, Channels.DOMAINS, name);
            });
            LOG.info("Certificate for {} stored, valid until {}", name, issued.notAfter());
        } catch (AcmeException | RuntimeException e) {
            Instant next = clock.instant().plus(config.backoff(failures));
            String reason = "the certificate for " + name + " could not be ordered: " + e.getMessage() + "; next attempt at " + next;
            jdbi.useHandle(h -> h.attach(WildcardCertificateDao.class).failed(appsDomain, reason, next));
            LOG.warn("{}", reason, e instanceof AcmeException ? null : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        ticker.close();
    }
}
