package cloud.nextmcp.git.ssh;

import cloud.nextmcp.git.access.AccessDenied;
import cloud.nextmcp.git.access.GitAccess;
import cloud.nextmcp.git.access.GitUser;
import cloud.nextmcp.git.access.RepositoryNotFound;
import cloud.nextmcp.git.receive.GitServices;
import cloud.nextmcp.git.repos.AppRepositories;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.shell.ShellFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns exec and shell requests into commands. Authorization happens here, before any command
 * runs, so a refused client never sees a ref advertisement or sends pack data.
 */
final class GitCommandFactory implements CommandFactory, ShellFactory {
    private static final Logger LOG = LoggerFactory.getLogger(GitCommandFactory.class);
    static final String ONLY_GIT = "ERROR: only git-upload-pack '<app>.git' and git-receive-pack '<app>.git' run here";

    private final GitAccess access;
    private final AppRepositories repositories;
    private final GitServices services;
    private final ExecutorService executor;

    GitCommandFactory(GitAccess access, AppRepositories repositories, GitServices services, ExecutorService executor) {
        this.access = access;
        this.repositories = repositories;
        this.services = services;
        this.executor = executor;
    }

    @Override
    public Command createCommand(ChannelSession channel, String command) {
        GitUser user = user(channel);
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
    }

    @Override
    public Command createShell(ChannelSession channel) {
        return new MessageCommand("Hi " + user(channel).displayName()
                + "! You've authenticated, but NextMCP does not provide shell access.", 1);
    }

    private static GitUser user(ChannelSession channel) {
        GitUser user = channel.getServerSession().getAttribute(KeyAuthenticator.USER);
        if (user == null) {
            throw new IllegalStateException("A channel opened on a session without an authenticated user");
        }
        return user;
    }
}
