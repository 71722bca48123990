package cloud.nextmcp.core.releases;

/** Where a release stands; stored lower-case (see 004-releases.sql). */
public enum ReleaseStatus {
    /** Created, waiting for the runtime to roll it out. */
    PENDING,
    /** Serving traffic; at most one per app. */
    LIVE,
    /** Never became healthy; the release that was live before keeps serving. */
    FAILED,
    /** Was live (or pending) until a later release went live. */
    SUPERSEDED;

    public boolean settled() {
        return this != PENDING;
    }
}
