package cloud.nextmcp.server.domains;

import cloud.nextmcp.core.domains.CertificateDao;
import cloud.nextmcp.core.domains.Domain;
import cloud.nextmcp.core.domains.DomainDao;
import cloud.nextmcp.core.domains.DomainState;
import cloud.nextmcp.core.domains.DomainsConfig;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks custom domains' DNS: pending ones with back-off, verified ones every
 * {@code domains.activeRecheck}. A claim that proves ownership becomes a route at once and takes
 * the name from any other app that held it; a verified domain whose TXT record stays gone for
 * {@code domains.txtGracePeriod} stops being served (a dangling name must not stay ours).
 */
public final class DomainVerifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DomainVerifier.class);
    private static final int BATCH = 20;

    private final DomainsConfig config;
    private final Jdbi jdbi;
    private final EventBus events;
    private final DomainCheck check;
    private final Clock clock;
    private final boolean certificatesOrdered;
    private final Ticker ticker;

    /** certificatesOrdered: whether ACME is configured (otherwise a domain pending its certificate says why it waits). */
    public DomainVerifier(DomainsConfig config, Jdbi jdbi, EventBus events, DomainCheck check, Clock clock,
                          boolean certificatesOrdered) {
        this.config = config;
        this.certificatesOrdered = certificatesOrdered;
        this.jdbi = jdbi;
        this.events = events;
        this.check = check;
        this.clock = clock;
        this.ticker = new Ticker("domain-verifier", config.checkInterval(), this::checkDue);
    }

    public void start() {
        ticker.start(events, Channels.DOMAINS);
    }

    /** Checks every domain that is due; returns how many were checked. */
    int checkDue() {
        // A lease longer than a batch of DNS timeouts, so a crashed verifier's claims come back.
        long lease = Math.max(60, config.dnsTimeout().multipliedBy(4L * BATCH).toSeconds());
        int done = 0;
        List<Long> due;
        do {
            due = jdbi.inTransaction(h -> h.attach(DomainDao.class).claimDueChecks(BATCH, lease));
            for (long id : due) {
                checkOne(id);
                done++;
            }
        } while (due.size() == BATCH);
        return done;
    }

    private void checkOne(long id) {
        Domain d = jdbi.withHandle(h -> h.attach(DomainDao.class).byId(id)).orElse(null);
        if (d == null) {
            return;
        }
        DomainCheck.Outcome outcome = check.check(d.hostname(), d.token());
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            DomainDao domains = h.attach(DomainDao.class);
            // Re-read under lock: the domain may have been removed or taken over while DNS answered.
            Domain current = domains.lock(id).orElse(null);
            if (current == null) {
                return;
            }
            if (!outcome.ownershipProven()) {
                if (current.verified()) {
                    ownershipLost(h, current, outcome.reason(), now);
                } else {
                    domains.ownershipNotProven(id, outcome.reason(), now.plus(config.backoff(current.dnsFailures())));
                }
                return;
            }
            if (!current.verified()) {
                takeOver(h, current);
            }
            boolean certificateValid = current.certificateNotAfter() != null && current.certificateNotAfter().isAfter(now);
            boolean certificateFailing = current.state() == DomainState.FAILING && current.txtMissingSince() == null;
            DomainState next = DomainState.afterDnsCheck(true, outcome.pointsAtPlatform(), certificateValid, certificateFailing);
            String reason = next == DomainState.FAILING ? current.reason() : outcome.reason();
            if (next == DomainState.PENDING_CERTIFICATE && !certificatesOrdered) {
                reason = "this platform orders no certificates (no acme.directoryUrl is configured): served over HTTP only";
            }
            int failures = next == DomainState.PENDING_DNS ? current.dnsFailures() + 1 : 0;
            Duration wait = next == DomainState.PENDING_DNS ? config.backoff(current.dnsFailures()) : config.activeRecheck();
            domains.checked(id, next, reason, failures, now.plus(wait));
            if (!current.verified() || current.txtMissingSince() != null || next != current.state()) {
                EventBus.publish(h, Channels.DOMAINS, current.hostname());
            }
            if (!current.verified()) {
                domains.upsertRoute(current.hostname(), current.appId());
                EventBus.publish(h, Channels.ROUTES, Long.toString(current.appId()));
                AppEvents.log(h, current.appId(), "Domain " + current.hostname() + " verified: it now routes to this app");
                LOG.info("Domain {} verified for app {} (id {}), state {}", current.hostname(), current.appName(),
                        current.appId(), next.dbValue());
            }
        });
    }

    /** Ownership proven afresh: any other app's verified claim of the name is detached (and told so in its log). */
    private void takeOver(Handle h, Domain claim) {
        DomainDao domains = h.attach(DomainDao.class);
        for (Domain old : domains.otherVerifiedClaims(claim.hostname(), claim.id())) {
            domains.deleteRoute(old.hostname());
            domains.delete(old.id());
            EventBus.publish(h, Channels.ROUTES, Long.toString(old.appId()));
            AppEvents.log(h, old.appId(), "Domain " + old.hostname() + " was detached from this app: another team proved "
                    + "ownership of it with a new TXT record");
            LOG.info("Domain {} moved from app {} (id {}) to app {} (id {}) after a fresh ownership proof", old.hostname(),
                    old.appName(), old.appId(), claim.appName(), claim.appId());
        }
    }

    private void ownershipLost(Handle h, Domain d, String reason, Instant now) {
        DomainDao domains = h.attach(DomainDao.class);
        Instant since = d.txtMissingSince() == null ? now : d.txtMissingSince();
        Instant cutoff = since.plus(config.txtGracePeriod());
        if (!now.isBefore(cutoff)) {
            domains.deleteRoute(d.hostname());
            h.attach(CertificateDao.class).delete(d.id());
            domains.unverify(d.id(), reason + " (missing since " + since + "; the domain is no longer served: restore the "
                    + "record and run 'nextmcp domains verify " + d.hostname() + "')", now.plus(config.backoff(0)));
            EventBus.publish(h, Channels.ROUTES, Long.toString(d.appId()));
            EventBus.publish(h, Channels.DOMAINS, d.hostname());
            AppEvents.log(h, d.appId(), "Domain " + d.hostname() + " is no longer served: its TXT record has been missing since "
                    + since);
            LOG.warn("Domain {} of app {} (id {}) unverified: TXT record missing since {}", d.hostname(), d.appName(),
                    d.appId(), since);
            return;
        }
        Instant next = now.plus(config.backoff(0));
        domains.txtMissing(d.id(), reason + "; the domain stops being served at " + cutoff + " unless the record is back",
                next.isAfter(cutoff) ? cutoff : next);
        if (d.txtMissingSince() == null) {
            EventBus.publish(h, Channels.DOMAINS, d.hostname());
            AppEvents.log(h, d.appId(), "Domain " + d.hostname() + ": " + reason + "; it stops being served at " + cutoff
                    + " unless the record is back");
            LOG.warn("Domain {} of app {} (id {}): TXT record missing, served until {}", d.hostname(), d.appName(),
                    d.appId(), cutoff);
        }
    }

    @Override
    public void close() {
        ticker.close();
    }
}
