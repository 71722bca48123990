package cloud.nextmcp.api.billing;

import cloud.nextmcp.core.billing.BillingConfig;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.billing.UsageDao;
import cloud.nextmcp.core.db.DatabaseOutage;
import com.stripe.exception.StripeException;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage metering in the API role. Every {@code usageInterval} it records each team's instance
 * time over the last whole interval (from the runtime's {@code instances} rows) and the time of
 * finished builds (from the build queue). Every {@code reportInterval} it claims unreported
 * records of teams on metered plans into one batch per team and kind and sends each batch as one
 * Stripe meter event named after the batch: a record is in one batch, and a batch that failed is
 * sent again under the same identifier and idempotency key, so Stripe counts it once.
 */
public final class UsageMeter implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(UsageMeter.class);
    /** Usage records are kept this long (the month shown, with room to spare), then deleted. */
    private static final Duration KEEP = Duration.ofDays(100);

    private final BillingConfig config;
    private final Jdbi jdbi;
    private final Entitlements entitlements;
    private final StripeGateway stripe;
    private final Clock clock;
    private ScheduledExecutorService executor;

    /** @param stripe null while billing is off: usage is then recorded (for {@code nextmcp billing}) but never sent */
    public UsageMeter(BillingConfig config, Jdbi jdbi, Entitlements entitlements, StripeGateway stripe, Clock clock) {
        this.config = config;
        this.jdbi = jdbi;
        this.entitlements = entitlements;
        this.stripe = stripe;
        this.clock = clock;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "usage-meter");
            t.setDaemon(true);
            return t;
        });
        long record = config.usageInterval().toMilliseconds();
        executor.scheduleWithFixedDelay(this::recordSafely, record, record, TimeUnit.MILLISECONDS);
        if (stripe != null) {
            long report = config.reportInterval().toMilliseconds();
            executor.scheduleWithFixedDelay(this::reportSafely, report, report, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void recordSafely() {
        try {
            record();
        } catch (RuntimeException e) {
            DatabaseOutage.logFailure(LOG, "Recording usage failed; the next run records what is still missing of builds", e);
        }
    }

    private void reportSafely() {
        try {
            report();
        } catch (RuntimeException e) {
            LOG.error("Reporting usage to Stripe failed; unsent batches are sent again on the next run", e);
        }
    }

    /** Records the last whole interval's instance time and every finished build not yet recorded. */
    void record() {
        long seconds = config.usageInterval().toSeconds();
        long end = clock.instant().getEpochSecond() / seconds * seconds;
        Instant to = Instant.ofEpochSecond(end);
        Instant from = to.minusSeconds(seconds);
        UsageDao usage = jdbi.onDemand(UsageDao.class);
        int instances = usage.recordInstances(from, to, end + "/" + seconds);
        int builds = usage.recordFinishedBuilds();
        usage.deleteBefore(to.minus(KEEP));
        LOG.debug("Usage recorded: {} team(s) with instances over {}..{}, {} build(s)", instances, from, to, builds);
    }

    /** Sends what earlier runs claimed but did not send, then claims and sends new batches. */
    void report() {
        UsageDao usage = jdbi.onDemand(UsageDao.class);
        for (UsageDao.Pending p : usage.unsentBatches()) {
            send(usage, p);
        }
        List<Long> metered = new ArrayList<>();
        List<Long> notMetered = new ArrayList<>();
        for (long team : usage.teamsWithUnclaimedUsage()) {
            boolean bills = jdbi.withHandle(h -> entitlements.standing(h, team)).plan().metered();
            (bills ? metered : notMetered).add(team);
        }
        if (!notMetered.isEmpty()) {
            usage.notMetered(notMetered);
        }
        if (metered.isEmpty()) {
            return;
        }
        for (UsageDao.Pending p : usage.claimBatches(metered, Long.toString(clock.millis()))) {
            send(usage, p);
        }
    }

    private void send(UsageDao usage, UsageDao.Pending batch) {
        String meter = UsageDao.INSTANCE_SECONDS.equals(batch.kind())
                ? config.stripe().instanceHoursMeter() : config.stripe().buildMinutesMeter();
        if (meter == null) {
            // No meter for this kind: the records are done, not billed.
            usage.reported(batch.batch());
            return;
        }
        try {
            stripe.meterEvent(meter, batch.batch(), batch.stripeCustomerId(), batch.quantity(), clock.instant());
            usage.reported(batch.batch());
            LOG.info("Usage batch {} of team {} reported to meter {}: {} s", batch.batch(), batch.teamId(), meter,
                    batch.quantity());
        } catch (StripeException e) {
            LOG.error("Stripe refused usage batch {} of team {} (meter {}); it is sent again on the next run",
                    batch.batch(), batch.teamId(), meter, e);
        }
    }
}
