package cloud.nextmcp.core.leadership;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the leader-only duties of this process while it holds a {@link LeaderLock}. Every
 * {@code checkEvery} a follower tries the lock and a leader checks it still holds it. A leader whose
 * process dies loses the lock with its session, and a follower takes over at its next check.
 */
public final class Leadership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

    /** What this process runs while it leads. */
    public interface Duties {
        /** Starts the leader-only loops; an exception gives the lock back and the next check tries again. */
        void elected();

        /** Stops them; called once after each {@link #elected()}, also on shutdown. */
        void demoted();
    }

    private final LeaderLock lock;
    private final Duration checkEvery;
    private final Duties duties;
    private final ScheduledExecutorService checks;
    private LeadershipState state = LeadershipState.STOPPED;

    public Leadership(LeaderLock lock, Duration checkEvery, Duties duties) {
        this.lock = lock;
        this.checkEvery = checkEvery;
        this.duties = duties;
        this.checks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "leadership-" + lock.name());
            t.setDaemon(true);
            return t;
        });
    }

    public synchronized void start() {
        if (state != LeadershipState.STOPPED) {
            return;
        }
        state = LeadershipState.FOLLOWING;
        checks.scheduleWithFixedDelay(this::check, 0, checkEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized LeadershipState state() {
        return state;
    }

    /** One round: a follower tries to take the lock, a leader makes sure it still has it. */
    synchronized void check() {
        switch (state) {
            case FOLLOWING -> tryToLead();
            case LEADING -> {
                if (!lock.stillHeld()) {
                    keepOrLoseLead();
                }
            }
            case STOPPED -> { }
        }
    }

    /**
     * The leader's session is gone (a database restart, a dropped connection). It takes the lock again on a new
     * session if nobody else has, so a blip does not stop and restart every app; it steps down once another
     * replica holds the lock. While the database cannot be reached it stays: its loops read the database before
     * every decision, so they do nothing meanwhile, and the next check decides.
     */
    private void keepOrLoseLead() {
        closeQuietly();
        try {
            if (lock.tryAcquire()) {
                LOG.info("Leader lock {} was lost with its database session and taken again", lock.name());
            } else {
                LOG.warn("Leader lock {} is held by another replica now; stopping the leader-only work", lock.name());
                stepDown();
            }
        } catch (java.sql.SQLException | RuntimeException e) {
            LOG.warn("Leader lock {} could not be checked: {}; checking again in {}", lock.name(), e.getMessage(), checkEvery);
            closeQuietly();
        }
    }

    private void tryToLead() {
        boolean acquired;
        try {
            acquired = lock.tryAcquire();
        } catch (java.sql.SQLException | RuntimeException e) {
            LOG.warn("Could not try leader lock {}: {}; trying again in {}", lock.name(), e.getMessage(), checkEvery);
            closeQuietly();
            return;
        }
        if (!acquired) {
            return;
        }
        state = LeadershipState.LEADING;
        LOG.info("This process now leads {}", lock.name());
        try {
            duties.elected();
        } catch (RuntimeException e) {
            LOG.error("The leader-only work of {} did not start; giving the lock back", lock.name(), e);
            stepDown();
        }
    }

    private void stepDown() {
        state = LeadershipState.FOLLOWING;
        try {
            duties.demoted();
        } catch (RuntimeException e) {
            LOG.error("The leader-only work of {} did not stop cleanly", lock.name(), e);
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            lock.close();
        } catch (IllegalStateException e) {
            LOG.warn("{}", e.getMessage());
        }
    }

    /** Stops the duties if leading and releases the lock, so another replica takes over at its next check. */
    @Override
    public void close() {
        checks.shutdownNow();
        try {
            checks.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (state == LeadershipState.LEADING) {
                stepDown();
            }
            closeQuietly();
            state = LeadershipState.STOPPED;
        }
    }
}
