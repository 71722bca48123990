package cloud.nextmcp.git.receive;

import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.git.GitGatewayConfig;
import cloud.nextmcp.git.access.AppGrant;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;
import org.jdbi.v3.core.Jdbi;

/**
 * Makes the JGit services for an authorized connection. SSH and HTTP both come here, so a push
 * is checked and deploys the same way whichever transport carried it.
 */
public final class GitServices {
    private final Jdbi jdbi;
    private final GitGatewayConfig config;
    private final PushLock pushLock;
    private final BuildFollower follower;
    private final PublicEndpoints endpoints;
    private final Entitlements entitlements;
    private final BranchPreviews branchPreviews;

    /** {@code branchPreviews}: null when previews are off on this platform. */
    public GitServices(Jdbi jdbi, GitGatewayConfig config, BuildSignals signals, PublicEndpoints endpoints,
                       Entitlements entitlements, BranchPreviews branchPreviews) {
        this.jdbi = jdbi;
        this.config = config;
        this.pushLock = new PushLock(jdbi);
        this.follower = new BuildFollower(jdbi, signals, config.pollInterval(), config.keepaliveInterval(),
                config.buildWaitTimeout());
        this.endpoints = endpoints;
        this.entitlements = entitlements;
        this.branchPreviews = branchPreviews;
    }

    /**
     * A receive-pack working in {@code quarantine}: the caller closes the quarantine when the
     * push is over, which deletes whatever was not accepted.
     */
    public ReceivePack receivePack(Quarantine quarantine, AppGrant grant) {
        ReceivePack rp = new ReceivePack(quarantine.repository());
        // fsck of every received object: refuses '.git', '..', '.gitmodules' tricks and their
        // Windows/macOS spellings ('GIT~1', '.git.', HFS ignorable characters).
        rp.setObjectChecker(new ObjectChecker().setSafeForWindows(true).setSafeForMacOS(true));
        rp.setMaxPackSizeLimit(config.maxPackBytes());
        rp.setMaxCommandBytes(config.maxCommandBytes());
        // A ref may only name objects this push sent or that existing refs reach: an object left
        // unreachable (a rejected push of an older version) cannot be made a branch by a bare ref update.
        rp.setCheckReferencedObjectsAreReachable(true);
        rp.setAllowCreates(true);
        rp.setAllowDeletes(true);
        rp.setAllowNonFastForwards(true);
        rp.setRefLogIdent(new PersonIdent(grant.user().displayName(), grant.user().email()));
        DeployHook deploy = new DeployHook(jdbi, pushLock, follower, endpoints, grant, quarantine, entitlements,
                branchPreviews);
        rp.setPreReceiveHook(new AcceptanceHook(quarantine, config.maxRepositoryBytes(), deploy, grant));
        return rp;
    }

    public UploadPack uploadPack(Repository repository) {
        return new UploadPack(repository);
    }
}
