package cloud.nextmcp.git.source;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.accounts.TeamDao;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.billing.BillingConfig;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.config.DataDirectory;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.sources.SourceUrls;
import cloud.nextmcp.core.testing.TestPostgres;
import cloud.nextmcp.git.GitGateway;
import cloud.nextmcp.git.GitGatewayConfig;
import cloud.nextmcp.git.repos.AppRepositories;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's signed source URLs, as kpack fetches them: the build's commit as a tarball, only with a valid signature. */
class SourceArchiveIT {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

    @TempDir
    Path tmp;
    private EventBus events;
    private GitGateway gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void tearDown() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        if (events != null) {
            events.close();
        }
    }

    @Test
    void aSignedUrlServesTheBuildsCommitAndNothingElseDoes() throws Exception {
        var db = TestPostgres.newDatabase();
        Jdbi jdbi = db.jdbi();
        events = new EventBus(jdbi, db.connectionInfo());
        DataDirectory data = new DataDirectory(tmp.resolve("data"));
        SourceUrls urls = new SourceUrls(KEY, Clock.systemUTC());
        gateway = new GitGateway(new GitGatewayConfig("127.0.0.1", 0, 0, null, null, null, null, null, null), jdbi, events, data,
                new PublicEndpoints("http://localhost:8000", "127.0.0.1", 0, "http://127.0.0.1", "apps.test",
                        "http://localhost:8080"), new Entitlements(BillingConfig.disabled(), Clock.systemUTC()), urls);
        gateway.start();
        long team = jdbi.onDemand(TeamDao.class).insert("forecasters", false).id();
        App app = jdbi.onDemand(AppDao.class).insert("weather", team, null);

        Path work = tmp.resolve("work");
        String sha;
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Files.writeString(work.resolve("package.json"), "{\"name\":\"weather\"}\n");
            Files.createDirectories(work.resolve("bin"));
            Files.writeString(work.resolve("bin/start"), "#!/bin/sh\nexec node server.js\n");
            Files.setPosixFilePermissions(work.resolve("bin/start"), PosixFilePermissions.fromString("rwxr-xr-x"));
            git.add().addFilepattern(".").call();
            RevCommit commit = git.commit().setMessage("first").setAuthor("t", "t@example.com")
                    .setCommitter("t", "t@example.com").call();
            sha = commit.getName();
        }
        Path bare = new AppRepositories(data).location(app.id());
        Git.cloneRepository().setBare(true).setURI(work.toUri().toString()).setDirectory(bare.toFile()).call().close();
        Build build = jdbi.onDemand(BuildDao.class).enqueue(app.id(), sha, "refs/heads/main", null);

        String base = "http://127.0.0.1:" + gateway.httpPort();
        HttpResponse<byte[]> ok = get(urls.url(base, build.id(), Duration.ofMinutes(5)));
        assertThat(ok.statusCode()).isEqualTo(200);
        Path archive = tmp.resolve("source.tar.gz");
        Files.write(archive, ok.body());
        Process tar = new ProcessBuilder("tar", "-tvzf", archive.toString()).redirectErrorStream(true).start();
        List<String> listing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(tar.waitFor()).as("tar reads the archive: %s", listing).isZero();
        assertThat(listing).anySatisfy(l -> assertThat(l).startsWith("-rw-r--r--").endsWith(" package.json"));
        assertThat(listing).anySatisfy(l -> assertThat(l).startsWith("-rwxr-xr-x").endsWith(" bin/start"));
        assertThat(listing).hasSize(2);

        String signed = urls.url(base, build.id(), Duration.ofMinutes(5));
        assertThat(get(signed.replace("/source/" + build.id(), "/source/" + (build.id() + 1))).statusCode())
                .as("the signature of another build").isEqualTo(403);
        assertThat(get(signed.replaceAll("sig=[0-9a-f]{4}", "sig=0000")).statusCode()).as("a forged signature").isEqualTo(403);
        String expired = new SourceUrls(KEY, Clock.fixed(Instant.now().minusSeconds(3600), ZoneOffset.UTC))
                .url(base, build.id(), Duration.ofMinutes(5));
        assertThat(get(expired).statusCode()).as("an expired URL").isEqualTo(403);
        assertThat(get(base + "/source/" + build.id() + ".tar.gz").statusCode()).as("no signature").isEqualTo(403);
    }

    private HttpResponse<byte[]> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
