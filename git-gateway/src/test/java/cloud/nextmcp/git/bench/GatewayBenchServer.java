package cloud.nextmcp.git.bench;

import cloud.nextmcp.core.accounts.ApiTokenDao;
import cloud.nextmcp.core.accounts.Secrets;
import cloud.nextmcp.core.accounts.TeamDao;
import cloud.nextmcp.core.accounts.User;
import cloud.nextmcp.core.accounts.UserDao;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.billing.BillingConfig;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.config.DataDirectory;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.keys.SshKeyDao;
import cloud.nextmcp.core.keys.SshPublicKey;
import cloud.nextmcp.core.testing.TestPostgres;
import cloud.nextmcp.git.GitGateway;
import cloud.nextmcp.git.GitGatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.jdbi.v3.core.Jdbi;

/**
 * Starts the gateway for bench/git-gateway.sh: embedded PostgreSQL, ephemeral ports, one app
 * "bench-ssh-N" and one "bench-http-N" per run, in a team that holds the user of the given public key. Writes the ports, host key and an
 * API token as shell variables to the given file, then runs until killed.
 *
 * <p>Arguments: {@code <data dir> <public key file> <env file to write> <runs>}.
 */
public final class GatewayBenchServer {
    private GatewayBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        String publicKey = Files.readString(Path.of(args[1]));
        Path envFile = Path.of(args[2]);

        var db = TestPostgres.newDatabase();
        Jdbi jdbi = db.jdbi();
        EventBus events = new EventBus(jdbi, db.connectionInfo());
        PublicEndpoints endpoints = new PublicEndpoints("http://127.0.0.1:8000", "127.0.0.1", 0, "http://127.0.0.1",
                "apps.test", "http://127.0.0.1:8080");
        GitGatewayConfig config = new GitGatewayConfig("127.0.0.1", 0, 0, null, null, null, null, null, null);
        GitGateway gateway = new GitGateway(config, jdbi, events, new DataDirectory(dataDir), endpoints,
                new Entitlements(BillingConfig.disabled(), Clock.systemUTC()));
        gateway.start();

        long team = jdbi.onDemand(TeamDao.class).insert("bench", false).id();
        User user = jdbi.onDemand(UserDao.class).insert("bench@example.com", "bench", "x");
        jdbi.onDemand(TeamDao.class).addMember(team, user.id(), "owner");
        int runs = Integer.parseInt(args[3]);
        for (int i = 1; i <= runs; i++) {
            jdbi.onDemand(AppDao.class).insert("bench-ssh-" + i, team, user.id());
            jdbi.onDemand(AppDao.class).insert("bench-http-" + i, team, user.id());
        }
        SshPublicKey key = SshPublicKey.parse(publicKey);
        jdbi.onDemand(SshKeyDao.class).insert(user.id(), key.type(), key.bits(), key.base64(), key.fingerprint(), key.comment());
        String token = new Secrets(new SecureRandom()).newApiToken();
        jdbi.onDemand(ApiTokenDao.class).insert(user.id(), "bench", Secrets.hash(token), Secrets.displayPrefix(token), null);

        Path tmp = envFile.resolveSibling(envFile.getFileName() + ".tmp");
        Files.writeString(tmp, "GW_SSH_PORT=" + gateway.sshPort() + "\nGW_HTTP_PORT=" + gateway.httpPort()
                + "\nGW_HOST_KEY='" + gateway.hostPublicKey() + "'\nGW_TOKEN=" + token + "\n");
        Files.move(tmp, envFile);
        new CountDownLatch(1).await();
    }
}
