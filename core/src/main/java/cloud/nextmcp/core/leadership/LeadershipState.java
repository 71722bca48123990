package cloud.nextmcp.core.leadership;

/** Where a process stands in one leader election. */
public enum LeadershipState {
    /** Not started, or shut down. */
    STOPPED,
    /** Another replica leads (or none could be reached); this one tries the lock at every check. */
    FOLLOWING,
    /** This process holds the lock and runs the leader-only work. */
    LEADING
}
