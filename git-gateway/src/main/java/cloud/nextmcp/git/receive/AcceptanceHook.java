package cloud.nextmcp.git.receive;

import cloud.nextmcp.core.db.DatabaseOutage;
import cloud.nextmcp.git.access.AppGrant;
import java.io.IOException;
import java.util.Collection;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which ref updates of a push are accepted and lets their objects into the repository.
 * In order: refuse branch tips whose trees break {@link TreeLimits}; refuse the push if the
 * repository would outgrow its size limit; run the deploy hook; and if any update is still to be
 * applied, migrate the quarantine before JGit moves a ref. Objects of a push with nothing
 * accepted stay in the quarantine, which is deleted afterwards.
 */
final class AcceptanceHook implements PreReceiveHook {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptanceHook.class);

    private final Quarantine quarantine;
    private final long maxRepositoryBytes;
    private final PreReceiveHook deploy;
    private final AppGrant grant;

    AcceptanceHook(Quarantine quarantine, long maxRepositoryBytes, PreReceiveHook deploy, AppGrant grant) {
        this.quarantine = quarantine;
        this.maxRepositoryBytes = maxRepositoryBytes;
        this.deploy = deploy;
        this.grant = grant;
    }

    @Override
    public void onPreReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
        try {
            checkTrees(quarantine.repository(), commands);
            checkSize(commands);
        } catch (IOException | RuntimeException e) {
            LOG.error("Checks of a push to app {} (id {}) failed", grant.app().name(), grant.app().id(), e);
            rejectAll(commands, DatabaseOutage.causedBy(e) ? DatabaseOutage.MESSAGE : "internal error while checking the push; try again");
            return;
        }
        deploy.onPreReceive(rp, commands);
        if (pending(commands) == 0) {
            return;
        }
        try {
            quarantine.migrate();
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not move the objects of a push to app {} (id {}) into its repository", grant.app().name(),
                    grant.app().id(), e);
            rejectAll(commands, "internal error while storing the pushed objects; try again");
        }
    }

    private void checkTrees(Repository repository, Collection<ReceiveCommand> commands) throws IOException {
        for (ReceiveCommand cmd : commands) {
            if (cmd.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED || cmd.getType() == ReceiveCommand.Type.DELETE
                    || !cmd.getRefName().startsWith("refs/heads/")) {
                continue;
            }
            Optional<String> problem = TreeLimits.check(repository, cmd.getNewId());
            if (problem.isPresent()) {
                LOG.info("Refused {} of app {} by {}: {}", cmd.getRefName(), grant.app().name(), grant.user().email(),
                        problem.get());
                cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "refused: " + problem.get());
            }
        }
    }

    private void checkSize(Collection<ReceiveCommand> commands) throws IOException {
        if (pending(commands) == 0) {
            return;
        }
        long incoming = quarantine.sizeBytes();
        if (incoming == 0) {
            return;
        }
        long after = RepositorySize.objectBytes(quarantine.objectsOfRepository()) + incoming;
        if (after > maxRepositoryBytes) {
            String message = "the repository of " + grant.app().name() + " would be " + RepositorySize.human(after)
                    + ", over the limit of " + RepositorySize.human(maxRepositoryBytes);
            LOG.info("Refused a push to app {} by {}: {}", grant.app().name(), grant.user().email(), message);
            rejectAll(commands, message);
        }
    }

    private static long pending(Collection<ReceiveCommand> commands) {
        return commands.stream().filter(c -> c.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED).count();
    }

    private static void rejectAll(Collection<ReceiveCommand> commands, String message) {
        for (ReceiveCommand cmd : commands) {
            if (cmd.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED) {
                cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, message);
            }
        }
    }
}
