package cloud.nextmcp.git.ssh;

import cloud.nextmcp.git.access.AppGrant;
import cloud.nextmcp.git.access.GitOperation;
import cloud.nextmcp.git.receive.GitServices;
import cloud.nextmcp.git.receive.Quarantine;
import cloud.nextmcp.git.repos.AppRepositories;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs JGit's upload-pack or receive-pack on the channel's streams, for an already authorized
 * grant, on a thread of its own (Mina's start() must not block).
 */
final class PackCommand implements Command {
    private static final Logger LOG = LoggerFactory.getLogger(PackCommand.class);

    private final AppGrant grant;
    private final AppRepositories repositories;
    private final GitServices services;
    private final ExecutorService executor;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback callback;

    PackCommand(AppGrant grant, AppRepositories repositories, GitServices services, ExecutorService executor) {
        this.grant = grant;
        this.repositories = repositories;
        this.services = services;
        this.executor = executor;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        executor.execute(this::run);
    }

    private void run() {
        int status = 0;
        String app = grant.app().name();
        try (Repository repo = repositories.open(grant.app())) {
            if (grant.operation() == GitOperation.PUSH) {
                try (Quarantine quarantine = Quarantine.open(repo)) {
                    services.receivePack(quarantine, grant).receive(in, out, err);
                }
            } else {
                services.uploadPack(repo).upload(in, out, err);
            }
        } catch (IOException | RuntimeException e) {
            // JGit has already told the client (unpack error, pack too large, protocol error).
            LOG.info("git {} of app {} by {} ended with an error: {}", grant.operation(), app, grant.user().email(),
                    e.toString());
            status = 1;
        } finally {
            try {
                out.flush();
                err.flush();
            } catch (IOException e) {
                LOG.debug("Client of app {} went away before the last flush", app);
            }
            callback.onExit(status);
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        // The pack thread is not interrupted: a push whose client went away still sees its build through.
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.callback = callback;
    }
}
