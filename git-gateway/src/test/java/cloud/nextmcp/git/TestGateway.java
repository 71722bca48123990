package cloud.nextmcp.git;

import cloud.nextmcp.core.accounts.ApiTokenDao;
import cloud.nextmcp.core.accounts.Secrets;
import cloud.nextmcp.core.accounts.TeamDao;
import cloud.nextmcp.core.accounts.User;
import cloud.nextmcp.core.accounts.UserDao;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.billing.BillingConfig;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.config.DataDirectory;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.db.Jdbis;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.keys.SshKeyDao;
import cloud.nextmcp.core.keys.SshPublicKey;
import cloud.nextmcp.core.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.jdbi.v3.core.Jdbi;

/**
 * A gateway on ephemeral ports over a database of its own, a scripted builder, one team and
 * helpers for real git and ssh clients. The gateway reaches the database through a data source
 * the test can take down; {@link #jdbi} (the test's own) always reaches it.
 */
final class TestGateway implements AutoCloseable {
    final Path tmp;
    final Jdbi jdbi;
    final EventBus events;
    final DataDirectory data;
    final GitGateway gateway;
    final TestWorker worker;
    final SwitchableDataSource gatewayDataSource;
    final long team;
    final String knownHosts;

    TestGateway(Path tmp, GitGatewayConfig config) throws Exception {
        this(tmp, config, BillingConfig.disabled());
    }

    /** With {@code billing} deciding the team's plan and its limits. */
    TestGateway(Path tmp, GitGatewayConfig config, BillingConfig billing) throws Exception {
        this.tmp = tmp;
        var db = TestPostgres.newDatabase();
        jdbi = db.jdbi();
        events = new EventBus(jdbi, db.connectionInfo());
        data = new DataDirectory(tmp.resolve("data"));
        gatewayDataSource = new SwitchableDataSource(db.dataSource());
        PublicEndpoints endpoints = new PublicEndpoints("http://localhost:8000", "127.0.0.1", 0,
                "http://127.0.0.1", "apps.test", "http://localhost:8080");
        gateway = new GitGateway(config, Jdbis.create(gatewayDataSource), events, data, endpoints,
                new Entitlements(billing, Clock.systemUTC()));
        gateway.start();
        worker = new TestWorker(jdbi, events);
        team = jdbi.onDemand(TeamDao.class).insert("forecasters", false).id();
        Files.writeString(tmp.resolve("known_hosts"), "[127.0.0.1]:" + gateway.sshPort() + " " + gateway.hostPublicKey() + "\n");
        knownHosts = tmp.resolve("known_hosts").toString();
    }

    /** A user of the team with the given role. */
    User member(String name, String role) {
        User user = jdbi.onDemand(UserDao.class).insert(name + "@example.com", name, "x");
        jdbi.onDemand(TeamDao.class).addMember(team, user.id(), role);
        return user;
    }

    App app(String name, User creator) {
        return jdbi.onDemand(AppDao.class).insert(name, team, creator.id());
    }

    /** Git and ssh clients with a fresh key registered to {@code owner}; returns the key's fingerprint too. */
    Client client(String name, User owner) throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home-" + name));
        Path key = home.resolve("id_ed25519");
        GitCli plain = new GitCli(home, Map.of());
        plain.run(home, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString()).ok();
        SshPublicKey pub = SshPublicKey.parse(Files.readString(Path.of(key + ".pub")));
        jdbi.onDemand(SshKeyDao.class).insert(owner.id(), pub.type(), pub.bits(), pub.base64(), pub.fingerprint(), pub.comment());
        return new Client(plain.with("GIT_SSH_COMMAND", String.join(" ", ssh(key))), key, pub.fingerprint(), home);
    }

    record Client(GitCli git, Path key, String fingerprint, Path home) {
    }

    /** {@code ssh} with the key, pinned host key, batch mode and the gateway's port. */
    List<String> ssh(Path key, String... options) {
        return Stream.concat(Stream.of("ssh", "-i", key.toString(), "-o", "IdentitiesOnly=yes", "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-p", Integer.toString(gateway.sshPort())),
                Stream.of(options)).toList();
    }

    String token(User user) {
        String token = new Secrets(new SecureRandom()).newApiToken();
        jdbi.onDemand(ApiTokenDao.class).insert(user.id(), "git", Secrets.hash(token), Secrets.displayPrefix(token), null);
        return token;
    }

    String sshUrl(String repo) {
        return "ssh://git@127.0.0.1:" + gateway.sshPort() + "/" + repo;
    }

    String httpUrl(String token, String repo) {
        return "http://x:" + token + "@127.0.0.1:" + gateway.httpPort() + "/git/" + repo;
    }

    /** A fresh local repository with one commit of {@code file}. */
    Path workTree(GitCli git, String name, String file, byte[] content) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        git.run(dir, "git", "init", "-q", "-b", "main").ok();
        Files.write(dir.resolve(file), content);
        git.run(dir, "git", "add", ".").ok();
        git.run(dir, "git", "commit", "-q", "-m", "commit " + name).ok();
        return dir;
    }

    String commit(GitCli git, Path dir, String file, byte[] content) throws Exception {
        Files.write(dir.resolve(file), content);
        git.run(dir, "git", "add", ".").ok();
        git.run(dir, "git", "commit", "-q", "-m", "change " + file).ok();
        return git.run(dir, "git", "rev-parse", "HEAD").ok().out().strip();
    }

    ObjectId serverRef(App app, String ref) throws Exception {
        if (!Files.exists(data.repository(app.id()))) {
            return null;
        }
        try (Repository repo = serverRepository(app)) {
            return repo.resolve(ref);
        }
    }

    /** The app's repository as it is on disk, without any quarantine. */
    Repository serverRepository(App app) throws Exception {
        return new FileRepositoryBuilder().setGitDir(data.repository(app.id()).toFile()).setMustExist(true).build();
    }

    /** Quarantines and half-received packs left in the app's repository. */
    List<Path> leftovers(App app) throws Exception {
        Path objects = data.repository(app.id()).resolve("objects");
        try (Stream<Path> top = Files.list(objects); Stream<Path> packs = Files.list(objects.resolve("pack"))) {
            return Stream.concat(top.filter(p -> p.getFileName().toString().startsWith("incoming")),
                    packs.filter(p -> p.getFileName().toString().startsWith("incoming"))).toList();
        }
    }

    int buildCount() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM builds").mapTo(Integer.class).one());
    }

    @Override
    public void close() throws Exception {
        worker.close();
        gateway.close();
        events.close();
    }
}
