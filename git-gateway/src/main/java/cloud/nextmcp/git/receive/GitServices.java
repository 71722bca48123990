package cloud.nextmcp.git.receive;

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

    public GitServices(Jdbi jdbi, GitGatewayConfig config, BuildSignals signals, PublicEndpoints endpoints) {
        this.jdbi = jdbi;
        this.config = config;
        this.pushLock = new PushLock(jdbi);
        this.follower = new BuildFollower(jdbi, signals, config.pollInterval(), config.keepaliveInterval(),
                config.buildWaitTimeout());
        this.endpoints = endpoints;
    }

    public ReceivePack receivePack(Repository repository, AppGrant grant) {
        ReceivePack rp = new ReceivePack(repository);
        // fsck of every received object: refuses '.git', '..', '.gitmodules' tricks and their
        // Windows/macOS spellings ('GIT~1', '.git.', HFS ignorable characters).
        rp.setObjectChecker(new ObjectChecker().setSafeForWindows(true).setSafeForMacOS(true));
        rp.setMaxPackSizeLimit(config.maxPackBytes());
        rp.setMaxCommandBytes(config.maxCommandBytes());
        rp.setAllowCreates(true);
        rp.setAllowDeletes(true);
        rp.setAllowNonFastForwards(true);
        rp.setRefLogIdent(new PersonIdent(grant.user().displayName(), grant.user().email()));
        rp.setPreReceiveHook(new DeployHook(jdbi, pushLock, follower, endpoints, grant));
        return rp;
    }

    public UploadPack uploadPack(Repository repository) {
        return new UploadPack(repository);
    }
}
