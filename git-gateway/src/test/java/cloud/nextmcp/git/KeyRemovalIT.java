package cloud.nextmcp.git;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.accounts.User;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.keys.SshKeyDao;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** An OpenSSH ControlMaster keeps one connection open; removing its key must end what it can do. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyRemovalIT {
    private TestGateway t;
    private Path sockets;
    private App weather;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        t = new TestGateway(dir, new GitGatewayConfig("127.0.0.1", 0, 0, null, null, Duration.ofMinutes(2), null, null, null));
        weather = t.app("weather", t.member("owner", "owner"));
        // Unix socket paths are limited to about 100 bytes: the control sockets live in a short directory.
        sockets = Files.createTempDirectory(Path.of("/tmp"), "cm");
    }

    @AfterAll
    void stop() throws Exception {
        t.close();
        try (var files = Files.list(sockets)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(sockets);
    }

    /** Starts a ControlMaster for the client's key in the background; returns its control path. */
    private String master(TestGateway.Client client, String name) throws Exception {
        String controlPath = sockets.resolve(name).toString();
        List<String> ssh = new ArrayList<>(t.ssh(client.key(), "-o", "ControlMaster=yes", "-o", "ControlPath=" + controlPath,
                "-o", "ControlPersist=no", "-fN", "git@127.0.0.1"));
        client.git().run(client.home(), ssh.toArray(String[]::new)).ok();
        assertThat(masterAlive(client, controlPath)).isTrue();
        return controlPath;
    }

    private boolean masterAlive(TestGateway.Client client, String controlPath) throws Exception {
        return client.git().run(client.home(), "ssh", "-o", "ControlPath=" + controlPath, "-O", "check", "git@127.0.0.1")
                .exit() == 0;
    }

    /** Git that only goes through the master: no key of its own, so it cannot open a connection itself. */
    private GitCli throughMaster(TestGateway.Client client, String controlPath) {
        return client.git().with("GIT_SSH_COMMAND", "ssh -o ControlMaster=no -o ControlPath=" + controlPath
                + " -o IdentitiesOnly=yes -o IdentityFile=/dev/null -o UserKnownHostsFile=" + t.knownHosts
                + " -o StrictHostKeyChecking=yes -o BatchMode=yes -p " + t.gateway.sshPort());
    }

    @Test
    void removingAKeyClosesTheSessionsItOpened() throws Exception {
        User kim = t.member("kim", "member");
        TestGateway.Client client = t.client("kim", kim);
        String controlPath = master(client, "kim");
        GitCli git = throughMaster(client, controlPath);
        Path dir = t.workTree(git, "kim-work", "a.txt", "a".getBytes());
        git.run(dir, "git", "push", t.sshUrl("weather.git"), "HEAD:refs/heads/kim-1").ok();

        t.jdbi.useTransaction(h -> {
            h.attach(SshKeyDao.class).delete(kim.id(), client.fingerprint()).orElseThrow();
            EventBus.publish(h, Channels.KEYS, client.fingerprint());
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (masterAlive(client, controlPath) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(masterAlive(client, controlPath)).as("the master connection was closed").isFalse();
        git.run(dir, "git", "push", t.sshUrl("weather.git"), "HEAD:refs/heads/kim-2").failed();
        assertThat(t.serverRef(weather, "refs/heads/kim-2")).isNull();
    }

    @Test
    void aKeyRemovedWithoutANotificationIsRefusedAtTheNextCommand() throws Exception {
        User lee = t.member("lee", "member");
        TestGateway.Client client = t.client("lee", lee);
        String controlPath = master(client, "lee");
        GitCli git = throughMaster(client, controlPath);
        Path dir = t.workTree(git, "lee-work", "a.txt", "a".getBytes());

        t.jdbi.onDemand(SshKeyDao.class).delete(lee.id(), client.fingerprint()).orElseThrow();

        GitCli.Result push = git.run(dir, "git", "push", t.sshUrl("weather.git"), "HEAD:refs/heads/lee").failed();
        assertThat(push.err()).contains("ERROR: the SSH key of this connection was removed");
    }
}
