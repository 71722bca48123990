package cloud.nextmcp.git.receive;

import cloud.nextmcp.core.builds.PushLockKey;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One push to an app's deploy branch at a time, across every gateway replica: a PostgreSQL
 * session advisory lock keyed by the app id, held on its own connection for the push's duration.
 * If the gateway dies, its connection closes and the lock goes with it, which is how the builder
 * tells that the push of a build is gone (see {@link PushLockKey}).
 */
public final class PushLock {
    private final Jdbi jdbi;

    public PushLock(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The lock, or empty when another push to the app holds it (no waiting). */
    public Optional<Held> tryAcquire(long appId) {
        Handle handle = jdbi.open();
        try {
            boolean locked = handle.createQuery("SELECT pg_try_advisory_lock(:ns, :key)")
                    .bind("ns", PushLockKey.NAMESPACE).bind("key", PushLockKey.key(appId)).mapTo(Boolean.class).one();
            if (!locked) {
                handle.close();
                return Optional.empty();
            }
            return Optional.of(new Held(handle, appId));
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    /** A held lock; closing releases it. */
    public static final class Held implements AutoCloseable {
        private final Handle handle;
        private final long appId;

        private Held(Handle handle, long appId) {
            this.handle = handle;
            this.appId = appId;
        }

        @Override
        public void close() {
            try {
                handle.createQuery("SELECT pg_advisory_unlock(:ns, :key)")
                        .bind("ns", PushLockKey.NAMESPACE).bind("key", PushLockKey.key(appId)).mapTo(Boolean.class).one();
            } finally {
                handle.close();
            }
        }
    }
}
