package cloud.nextmcp.git.ssh;

import cloud.nextmcp.core.db.DatabaseOutage;
import cloud.nextmcp.git.access.AccessDenied;
import cloud.nextmcp.git.access.GitAccess;
import cloud.nextmcp.git.access.GitUser;
import cloud.nextmcp.git.access.RepositoryNotFound;
import cloud.nextmcp.git.receive.GitServices;
import cloud.nextmcp.git.repos.AppRepositories;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.server.shell.ShellFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns exec and shell requests into commands. Authorization happens here, before any command
 * runs, so a refused client never sees a ref advertisement or sends pack data. The session's key
 * is checked again for every command: a connection may outlive the key that opened it.
 */
final class GitCommandFactory implements CommandFactory, ShellFactory {
    private static final Logger LOG = LoggerFactory.getLogger(GitCommandFactory.class);
    static final String ONLY_GIT = "ERROR: only git-upload-pack '<app>.git' and git-receive-pack '<app>.git' run here";
    static final String KEY_REMOVED = "ERROR: the SSH key of this connection was removed; add a key with nextmcp keys add";

    private final GitAccess access;
    private final AppRepositories repositories;
    private final GitServices services;
    private final SessionKeys keys;
    private final ExecutorService executor;

    GitCommandFactory(GitAccess access, AppRepositories repositories, GitServices services, SessionKeys keys,
                      ExecutorService executor) {
        this.access = access;
        this.repositories = repositories;
        this.services = services;
        this.keys = keys;
        this.executor = executor;
    }

    @Override
    public Command createCommand(ChannelSession channel, String command) {
        return checked(channel, user -> {
            Optional<ExecRequest> request = ExecRequest.parse(command);
            if (request.isEmpty()) {
                LOG.info("Refused exec request from {}: not a git command", user.email());
                return new MessageCommand(ONLY_GIT, 127);
            }
            try {
                return new PackCommand(access.authorize(user, request.get().repository(), request.get().operation()),
                        repositories, services, executor);
            } catch (RepositoryNotFound e) {
                LOG.info("{} asked for a repository that is not theirs or does not exist", user.email());
                return new MessageCommand("ERROR: " + e.getMessage(), 1);
            } catch (AccessDenied e) {
                return new MessageCommand("ERROR: " + e.getMessage(), 1);
            }
        });
    }

    @Override
    public Command createShell(ChannelSession channel) {
        return checked(channel, user -> new MessageCommand("Hi " + user.displayName()
                + "! You've authenticated, but NextMCP does not provide shell access.", 1));
    }

    /** Runs {@code command} for the session's user once the key is known to be still registered and the database up. */
    private Command checked(ChannelSession channel, Function<GitUser, Command> command) {
        ServerSession session = channel.getServerSession();
        if (session.getAttribute(KeyAuthenticator.OUTAGE) != null) {
            return outage();
        }
        try {
            if (!keys.stillRegistered(session)) {
                LOG.info("Refused a command on the SSH session of {} from {}: its key was removed", user(session).email(),
                        session.getRemoteAddress());
                return new MessageCommand(KEY_REMOVED, 1);
            }
            return command.apply(user(session));
        } catch (RuntimeException e) {
            if (DatabaseOutage.causedBy(e)) {
                LOG.warn("Refused a command of {}: the database is unreachable ({})", user(session).email(), e.toString());
                return outage();
            }
            throw e;
        }
    }

    private static MessageCommand outage() {
        return new MessageCommand("ERROR: " + DatabaseOutage.MESSAGE, 1);
    }

    private static GitUser user(ServerSession session) {
        GitUser user = session.getAttribute(KeyAuthenticator.USER);
        if (user == null) {
            throw new IllegalStateException("A channel opened on a session without an authenticated user");
        }
        return user;
    }
}
