package cloud.nextmcp.build.sandbox;

import com.sun.security.auth.module.UnixSystem;

/**
 * Chooses the host uid of each app's builds and instances. As root, app N runs as its own
 * unprivileged uid {@code uidBase + N} (no entry in /etc/passwd is needed), so apps can neither
 * read root's files nor each other's; as an ordinary user there is no uid to switch to.
 */
public final class SandboxUsers {
    private final long uidBase;
    private final boolean root;
    private final long platformUid;
    private final long platformGid;

    public SandboxUsers(long uidBase) {
        UnixSystem self = new UnixSystem();
        this.uidBase = uidBase;
        this.platformUid = self.getUid();
        this.platformGid = self.getGid();
        this.root = platformUid == 0;
    }

    public SandboxUser forApp(long appId) {
        if (!root) {
            return platform();
        }
        long id = uidBase + appId;
        return new SandboxUser(id, id, true);
    }

    /** The platform's own identity, for sandboxes that cannot switch. */
    public SandboxUser platform() {
        return new SandboxUser(platformUid, platformGid, false);
    }

    /** Whether the platform runs as root (and so can give apps their own uids). */
    public boolean platformIsRoot() {
        return root;
    }
}
