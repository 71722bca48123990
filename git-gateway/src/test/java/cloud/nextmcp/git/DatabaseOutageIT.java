package cloud.nextmcp.git;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.accounts.User;
import cloud.nextmcp.core.db.DatabaseOutage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** While the database is down, git says so over both transports, and grants nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageIT {
    private TestGateway t;
    private TestGateway.Client alices;
    private String token;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        t = new TestGateway(dir, new GitGatewayConfig("127.0.0.1", 0, 0, null, null, Duration.ofMinutes(2), null, null, null));
        User alice = t.member("alice", "member");
        t.app("weather", alice);
        alices = t.client("alice", alice);
        token = t.token(alice);
    }

    @AfterAll
    void stop() throws Exception {
        t.close();
    }

    @Test
    void gitSaysTheDatabaseIsUnavailableOverSshAndHttp() throws Exception {
        alices.git().run(t.tmp, "git", "ls-remote", t.sshUrl("weather.git")).ok();
        t.gatewayDataSource.down(true);
        try {
            GitCli.Result ssh = alices.git().run(t.tmp, "git", "ls-remote", t.sshUrl("weather.git")).failed();
            assertThat(ssh.err()).contains(DatabaseOutage.MESSAGE).doesNotContain("Permission denied");

            GitCli.Result http = alices.git().run(t.tmp, "git", "ls-remote", t.httpUrl(token, "weather.git")).failed();
            assertThat(http.err()).contains("remote: " + DatabaseOutage.MESSAGE);

            HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + t.gateway.httpPort() + "/git/weather.git/info/refs?service=git-upload-pack"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("x:" + token).getBytes()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(raw.statusCode()).isEqualTo(503);
            assertThat(raw.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            assertThat(raw.body()).isEqualTo(DatabaseOutage.MESSAGE + "\n");
        } finally {
            t.gatewayDataSource.down(false);
        }
        alices.git().run(t.tmp, "git", "ls-remote", t.sshUrl("weather.git")).ok();
    }
}
