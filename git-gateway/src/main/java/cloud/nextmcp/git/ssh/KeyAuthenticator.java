package cloud.nextmcp.git.ssh;

import cloud.nextmcp.core.accounts.UserDao;
import cloud.nextmcp.core.db.DatabaseOutage;
import cloud.nextmcp.core.keys.SshKey;
import cloud.nextmcp.core.keys.SshKeyDao;
import cloud.nextmcp.git.access.GitUser;
import java.security.PublicKey;
import java.util.Optional;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Public-key authentication: the offered key's exact SHA256 fingerprint must be a registered
 * key. The SSH user name is ignored (remotes say {@code git@}); the key says who it is. The user
 * and the key's fingerprint are kept on the session for authorization and key re-checks later.
 * While the database is unreachable, the session is let in but marked {@link #OUTAGE}: it then
 * only ever hears that the database is unavailable (git would otherwise say "Permission denied").
 */
public final class KeyAuthenticator implements PublickeyAuthenticator {
    static final AttributeRepository.AttributeKey<GitUser> USER = new AttributeRepository.AttributeKey<>();
    static final AttributeRepository.AttributeKey<String> FINGERPRINT = new AttributeRepository.AttributeKey<>();
    static final AttributeRepository.AttributeKey<Boolean> OUTAGE = new AttributeRepository.AttributeKey<>();
    private static final Logger LOG = LoggerFactory.getLogger(KeyAuthenticator.class);

    private final Jdbi jdbi;

    public KeyAuthenticator(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        String fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
        try {
            Optional<SshKey> registered = jdbi.onDemand(SshKeyDao.class).findByFingerprint(fingerprint);
            if (registered.isEmpty()) {
                LOG.info("SSH key {} from {} is not registered", fingerprint, session.getClientAddress());
                return false;
            }
            Optional<GitUser> user = jdbi.onDemand(UserDao.class).findById(registered.get().userId()).map(GitUser::of);
            if (user.isEmpty()) {
                return false;
            }
            session.setAttribute(USER, user.get());
            session.setAttribute(FINGERPRINT, fingerprint);
            jdbi.onDemand(SshKeyDao.class).touch(registered.get().id());
            return true;
        } catch (RuntimeException e) {
            if (!DatabaseOutage.causedBy(e)) {
                throw e;
            }
            LOG.warn("SSH key {} from {} could not be checked: the database is unreachable ({})", fingerprint,
                    session.getClientAddress(), e.toString());
            session.removeAttribute(USER);
            session.setAttribute(OUTAGE, Boolean.TRUE);
            return true;
        }
    }
}
