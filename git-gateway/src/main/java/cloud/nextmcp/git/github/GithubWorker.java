package cloud.nextmcp.git.github;

import cloud.nextmcp.core.db.DatabaseOutage;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.github.Delivery;
import cloud.nextmcp.core.github.DeliveryDao;
import cloud.nextmcp.core.github.DeliveryStatus;
import cloud.nextmcp.core.github.Preview;
import cloud.nextmcp.core.github.PreviewDao;
import cloud.nextmcp.core.github.Previews;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes queued deliveries (NOTIFY {@code github}, and a periodic look for any missed), each
 * once: the row is locked ({@code FOR UPDATE SKIP LOCKED}) while its work runs and finished in the
 * same transaction, so a second replica never takes it. Also tears down previews untouched for
 * {@code github.previewTtlDays}.
 */
final class GithubWorker implements EventBus.Subscriber {
    private static final Logger LOG = LoggerFactory.getLogger(GithubWorker.class);

    private final Jdbi jdbi;
    private final DeliveryProcessor processor;
    private final Previews previews;
    private final int ttlDays;
    private final ExecutorService executor;

    GithubWorker(Jdbi jdbi, DeliveryProcessor processor, Previews previews, int ttlDays, ExecutorService executor) {
        this.jdbi = jdbi;
        this.processor = processor;
        this.previews = previews;
        this.ttlDays = ttlDays;
        this.executor = executor;
    }

    @Override
    public void onNotification(String payload) {
        drainLater();
    }

    @Override
    public void resync() {
        drainLater();
    }

    void drainLater() {
        try {
            executor.execute(this::drain);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("GitHub worker is stopping; queued deliveries wait for the next start");
        }
    }

    void drain() {
        try {
            while (processOne()) {
                // one delivery per transaction
            }
        } catch (RuntimeException e) {
            DatabaseOutage.logFailure(LOG, "GitHub deliveries could not be read; the next notification or check tries again", e);
        }
    }

    private boolean processOne() {
        String[] current = new String[1];
        try {
            return jdbi.inTransaction(h -> {
                Optional<Delivery> next = h.attach(DeliveryDao.class).claimNext();
                if (next.isEmpty()) {
                    return false;
                }
                Delivery d = next.get();
                current[0] = d.id();
                DeliveryProcessor.Outcome outcome = processor.process(h, d);
                h.attach(DeliveryDao.class).finish(d.id(), outcome.status().name(), outcome.text());
                LOG.info("GitHub delivery {} ({}{}) for app id {}: {} — {}", d.id(), d.event(),
                        d.action() == null ? "" : " " + d.action(), d.appId(), outcome.status(), outcome.text());
                return true;
            });
        } catch (DeliveryProcessor.Failed e) {
            failed(current[0], e.getMessage(), e);
            return true;
        } catch (RuntimeException e) {
            if (current[0] == null) {
                throw e;
            }
            failed(current[0], "internal error; the operator's log has details", e);
            return true;
        }
    }

    private void failed(String deliveryId, String outcome, Exception e) {
        LOG.warn("GitHub delivery {} failed: {}", deliveryId, outcome, e);
        jdbi.useHandle(h -> h.attach(DeliveryDao.class).finish(deliveryId, DeliveryStatus.FAILED.name(), outcome));
    }

    /** Tears down previews no delivery touched for the TTL. */
    void expirePreviews() {
        try {
            List<Preview> stale = jdbi.onDemand(PreviewDao.class).untouchedFor(ttlDays);
            for (Preview p : stale) {
                jdbi.useTransaction(h -> previews.tearDown(h, p, "untouched for " + ttlDays + " days (github.previewTtlDays)"));
            }
        } catch (RuntimeException e) {
            DatabaseOutage.logFailure(LOG, "Expired previews could not be torn down; the next check tries again", e);
        }
    }
}
