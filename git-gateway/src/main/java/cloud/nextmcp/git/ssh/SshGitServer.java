package cloud.nextmcp.git.ssh;

import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.git.access.GitAccess;
import cloud.nextmcp.git.receive.GitServices;
import cloud.nextmcp.git.repos.AppRepositories;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.jdbi.v3.core.Jdbi;

/** Git over SSH on Apache Mina SSHD: public keys only, git pack commands only. */
public final class SshGitServer implements AutoCloseable {
    private final SshServer server;
    private final ExecutorService executor;
    private final SessionKeys keys;

    public SshGitServer(String host, int port, HostKey hostKey, Jdbi jdbi, GitAccess access,
                        AppRepositories repositories, GitServices services) {
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "git-ssh-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server = SshServer.setUpDefaultServer();
        keys = new SessionKeys(jdbi, server::getActiveSessions);
        GitCommandFactory commands = new GitCommandFactory(access, repositories, services, keys, executor);
        server.setHost(host);
        server.setPort(port);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey.keyPair()));
        server.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        server.setPublickeyAuthenticator(new KeyAuthenticator(jdbi));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        server.setAgentFactory(null);
        server.setSubsystemFactories(List.of());
        server.setChannelFactories(List.of(GitChannelSession.FACTORY));
        server.setCommandFactory(commands);
        server.setShellFactory(commands);
    }

    /** Subscriber for channel {@code keys}: closes the sessions of removed keys. */
    public EventBus.Subscriber keyRemovals() {
        return keys;
    }

    public void start() throws IOException {
        server.start();
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() throws IOException {
        try {
            server.stop(true);
        } finally {
            executor.shutdownNow();
        }
    }
}
