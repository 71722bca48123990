package cloud.nextmcp.git.receive;

import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.billing.LimitExceeded;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.builds.BuildStatus;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.db.DatabaseOutage;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.releases.ReleaseDao;
import cloud.nextmcp.git.access.AppGrant;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push that deploys. For an update of the deploy branch: take the app's push lock, queue a
 * build of the pushed commit, stream its log back as {@code remote:} lines and let the ref move
 * only if the build succeeded. Other branches are stored without a build. If the pusher goes
 * away, writes are dropped (JGit ignores them) and the hook still waits, so the build's result
 * decides the ref as if the pusher had stayed.
 */
public final class DeployHook implements PreReceiveHook {
    private static final Logger LOG = LoggerFactory.getLogger(DeployHook.class);

    private final Jdbi jdbi;
    private final PushLock pushLock;
    private final BuildFollower follower;
    private final PublicEndpoints endpoints;
    private final AppGrant grant;
    private final Quarantine quarantine;
    private final Entitlements entitlements;
    private final BranchPreviews branchPreviews;

    /** {@code branchPreviews}: null when previews are off on this platform (GitHub not set up). */
    public DeployHook(Jdbi jdbi, PushLock pushLock, BuildFollower follower, PublicEndpoints endpoints, AppGrant grant,
                      Quarantine quarantine, Entitlements entitlements, BranchPreviews branchPreviews) {
        this.jdbi = jdbi;
        this.pushLock = pushLock;
        this.follower = follower;
        this.endpoints = endpoints;
        this.grant = grant;
        this.quarantine = quarantine;
        this.entitlements = entitlements;
        this.branchPreviews = branchPreviews;
    }

    @Override
    public void onPreReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
        String app = grant.app().name();
        boolean deployed = false;
        for (ReceiveCommand cmd : commands) {
            if (cmd.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED) {
                continue;
            }
            if (!DeployBranches.deploys(grant.app(), cmd.getRefName())) {
                boolean branch = cmd.getType() != ReceiveCommand.Type.DELETE && cmd.getRefName().startsWith("refs/heads/");
                if (branch && !deployed && branchPreviews != null && branchPreviews.enabledFor(grant.app())) {
                    deployed = true;
                    deployPreview(rp, cmd);
                } else if (branch) {
                    message(rp, "-----> " + shortName(cmd) + " stored; only pushes to " + grant.app().deployBranch() + " deploy " + app);
                }
                continue;
            }
            if (cmd.getType() == ReceiveCommand.Type.DELETE) {
                cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON,
                        "the deploy branch " + shortName(cmd) + " of " + app + " cannot be deleted");
            } else if (deployed) {
                cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON,
                        "push one deploy branch at a time (main or master)");
            } else {
                deployed = true;
                deploy(rp, cmd, grant.app());
            }
        }
    }

    /**
     * {@code <sha7> (vN)} when the pushed commit is what the live release runs, or {@code <sha7>}
     * when the branch already points at it: the ref update is accepted without a build.
     */
    private Optional<String> alreadyRunning(ReceiveCommand cmd, App target) {
        String sha = cmd.getNewId().name();
        Optional<String> live = jdbi.withHandle(h -> h.attach(ReleaseDao.class).live(target.id())
                .filter(r -> r.buildId() != null)
                .flatMap(r -> h.attach(BuildDao.class).findById(r.buildId())
                        .filter(b -> b.commitSha().equals(sha))
                        .map(b -> sha.substring(0, 7) + " (" + r.label() + ")")));
        if (live.isPresent() || !cmd.getOldId().equals(cmd.getNewId())) {
            return live;
        }
        return Optional.of(sha.substring(0, 7));
    }

    /** A branch preview: the same build, log and rollout as the deploy branch, under the preview app. */
    private void deployPreview(ReceivePack rp, ReceiveCommand cmd) {
        App preview;
        try {
            preview = branchPreviews.ensure(grant.app(), shortName(cmd));
        } catch (LimitExceeded e) {
            message(rp, "-----> " + shortName(cmd) + " stored without a preview: " + e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not make the preview of branch {} of app {} (id {})", shortName(cmd), grant.app().name(),
                    grant.app().id(), e);
            cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, DatabaseOutage.causedBy(e)
                    ? DatabaseOutage.MESSAGE : "internal error: the branch preview could not be made; try again");
            return;
        }
        message(rp, "-----> Previews are on: " + shortName(cmd) + " deploys as " + preview.name());
        if (deploy(rp, cmd, preview)) {
            branchPreviews.touch(preview, cmd.getNewId().name());
        }
    }

    /** True when {@code target} runs the pushed commit afterwards (built now, or already). */
    private boolean deploy(ReceivePack rp, ReceiveCommand cmd, App target) {
        String app = target.name();
        Optional<PushLock.Held> lock;
        try {
            Optional<String> running = alreadyRunning(cmd, target);
            if (running.isPresent()) {
                message(rp, "-----> " + app + " already runs " + running.get() + ": nothing to deploy");
                return true;
            }
            // The plan's build minutes are checked where the build would be queued: one place for every transport.
            jdbi.useHandle(h -> entitlements.requireBuildMinutes(h, target.id()));
            lock = pushLock.tryAcquire(target.id());
        } catch (LimitExceeded e) {
            LOG.info("Push to app {} (id {}) refused: {}", app, target.id(), e.getMessage());
            cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, e.getMessage());
            return false;
        } catch (RuntimeException e) {
            LOG.error("Could not start the deploy of app {} (id {})", app, target.id(), e);
            cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, DatabaseOutage.causedBy(e)
                    ? DatabaseOutage.MESSAGE : "internal error: the push lock is unavailable, try again");
            return false;
        }
        if (lock.isEmpty()) {
            cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "another push to " + app + " is in progress");
            return false;
        }
        PushLock.Held held = lock.get();
        try {
            Build build = enqueue(cmd, target);
            LOG.info("Push by {} to app {} (id {}) queued build {} of {}", grant.user().email(), app, target.id(),
                    build.id(), build.commitSha());
            message(rp, "-----> Building " + app + " at " + build.commitSha().substring(0, 7) + " (build " + build.id() + ")");
            Optional<Build> done = follower.follow(build, new Sink(rp));
            if (done.isEmpty() && !cancel(build, target, "the push stopped waiting for it; push again")) {
                // It finished between the last read and the cancel: its result stands.
                done = jdbi.onDemand(BuildDao.class).findById(build.id());
            }
            if (done.isEmpty()) {
                cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "build " + build.id()
                        + " did not finish in time and was cancelled; push again");
            } else if (done.get().status() == BuildStatus.SUCCEEDED) {
                Integer version = done.get().releaseVersion();
                message(rp, "-----> " + (version == null ? "Built" : "Released v" + version) + " — " + endpoints.appUrl(app));
                LOG.info("Build {} of app {} succeeded (release v{})", build.id(), app, version);
                return true;
            } else {
                String error = oneLine(done.get().error() == null ? "no reason given" : done.get().error());
                cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "build failed: " + error);
                LOG.info("Build {} of app {} failed: {}", build.id(), app, error);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "the gateway is shutting down; push again");
        } catch (RuntimeException e) {
            LOG.error("Deploy of app {} (id {}) at {} failed inside the gateway", app, target.id(), cmd.getNewId().name(), e);
            cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, DatabaseOutage.causedBy(e)
                    ? DatabaseOutage.MESSAGE : "internal error while deploying; try again");
        } finally {
            held.close();
        }
        return false;
    }

    /**
     * A build whose push gives up must not deploy: the ref will not move, so the branch would no
     * longer match what runs. Failing the row also stops its worker (its lease renewal finds no
     * running build). False when the build had already finished.
     */
    private boolean cancel(Build build, App target, String reason) {
        int updated = jdbi.inTransaction(h -> {
            int n = h.attach(BuildDao.class).fail(build.id(), reason);
            EventBus.publish(h, Channels.BUILDS, Long.toString(build.id()));
            return n;
        });
        if (updated > 0) {
            LOG.info("Build {} of app {} cancelled: {}", build.id(), target.name(), reason);
        }
        return updated > 0;
    }

    /** Inserts the queued build and signals the builders in the same transaction. */
    private Build enqueue(ReceiveCommand cmd, App target) {
        return jdbi.inTransaction(h -> BuildQueue.enqueue(h, target.id(), cmd.getNewId().name(), cmd.getRefName(),
                grant.user().id(), quarantine.directory().toString()));
    }

    private static String shortName(ReceiveCommand cmd) {
        return Repository.shortenRefName(cmd.getRefName());
    }

    private static void message(ReceivePack rp, String line) {
        rp.sendMessage(oneLine(line));
        flush(rp.getMessageOutputStream());
    }

    private static void flush(OutputStream messages) {
        try {
            messages.flush();
        } catch (IOException e) {
            // JGit's message stream drops write errors itself (a gone pusher must not stop the hook).
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Build output goes to the pusher's terminal: line breaks and control characters other than
     * tab and ESC (colours) are replaced, so a line stays one {@code remote:} line.
     */
    static String oneLine(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 && c != '\t' && c != 0x1b || c == 0x7f ? ' ' : c);
        }
        return out.toString();
    }

    /** Streams build lines; a keepalive is a progress line that ends in CR, so terminals overwrite it. */
    private static final class Sink implements BuildFollower.Sink {
        private final ReceivePack rp;

        Sink(ReceivePack rp) {
            this.rp = rp;
        }

        @Override
        public void line(String line) {
            message(rp, line);
        }

        @Override
        public void keepalive(Duration waited) {
            OutputStream out = rp.getMessageOutputStream();
            try {
                out.write(("-----> Still building (" + waited.toSeconds() + " s)\r").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            flush(out);
        }
    }
}
