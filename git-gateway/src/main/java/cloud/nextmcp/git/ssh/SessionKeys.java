package cloud.nextmcp.git.ssh;

import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.keys.SshKeyDao;
import cloud.nextmcp.git.access.GitUser;
import java.util.List;
import java.util.function.Supplier;
import org.apache.sshd.common.session.Session;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends what a removed SSH key opened. An SSH connection outlives its authentication (an OpenSSH
 * ControlMaster runs many git commands over one), so the key is re-checked before every command,
 * and the sessions of a key are closed when the API announces its removal (channel {@code keys},
 * payload: fingerprint). After a reconnect of the event bus every open session is re-checked.
 */
final class SessionKeys implements EventBus.Subscriber {
    private static final Logger LOG = LoggerFactory.getLogger(SessionKeys.class);

    private final Jdbi jdbi;
    private final Supplier<List<? extends Session>> sessions;

    SessionKeys(Jdbi jdbi, Supplier<List<? extends Session>> sessions) {
        this.jdbi = jdbi;
        this.sessions = sessions;
    }

    /** Whether the key that authenticated {@code session} is still registered to the same user. */
    boolean stillRegistered(Session session) {
        GitUser user = session.getAttribute(KeyAuthenticator.USER);
        String fingerprint = session.getAttribute(KeyAuthenticator.FINGERPRINT);
        return user != null && fingerprint != null && jdbi.onDemand(SshKeyDao.class).findByFingerprint(fingerprint)
                .map(k -> k.userId() == user.id()).orElse(false);
    }

    @Override
    public void onNotification(String fingerprint) {
        for (Session session : sessions.get()) {
            if (fingerprint.equals(session.getAttribute(KeyAuthenticator.FINGERPRINT))) {
                close(session);
            }
        }
    }

    @Override
    public void resync() {
        for (Session session : sessions.get()) {
            if (session.getAttribute(KeyAuthenticator.FINGERPRINT) != null && !stillRegistered(session)) {
                close(session);
            }
        }
    }

    private static void close(Session session) {
        GitUser user = session.getAttribute(KeyAuthenticator.USER);
        LOG.info("Closing the SSH session of {} from {}: its key {} was removed", user == null ? "?" : user.email(),
                session.getRemoteAddress(), session.getAttribute(KeyAuthenticator.FINGERPRINT));
        session.close(true);
    }
}
