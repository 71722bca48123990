package cloud.nextmcp.core.builds;

import org.jdbi.v3.core.Handle;

/**
 * The key of an app's push lock: a PostgreSQL session advisory lock {@code (NAMESPACE, key(app))}
 * held by the gateway while a push to the deploy branch waits for its build. The builder reads
 * whether it is held (it never takes it) to tell a waiting push from one that is gone.
 */
public final class PushLockKey {
    /** First half of the two-part advisory lock key: "GITP", so no other lock user collides. */
    public static final int NAMESPACE = 0x47495450;

    private PushLockKey() {
    }

    /** Second half of the key: the app id folded into a non-negative int. */
    public static int key(long appId) {
        return (int) (appId % 2147483648L);
    }

    /** Whether some session of this database holds the push lock of {@code appId}; reads pg_locks, takes nothing. */
    public static boolean isHeld(Handle handle, long appId) {
        // A two-part advisory key shows as classid = first part, objid = second part, objsubid = 2.
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted "
                        + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                        + "AND classid = CAST(CAST(:ns AS bigint) AS oid) AND objid = CAST(CAST(:key AS bigint) AS oid) "
                        + "AND objsubid = 2)")
                .bind("ns", NAMESPACE).bind("key", key(appId)).mapTo(Boolean.class).one();
    }
}
