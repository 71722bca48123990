package cloud.nextmcp.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.cli.testing.CliRunner;
import cloud.nextmcp.cli.testing.FakeApi.Request;
import cloud.nextmcp.cli.testing.FakeApi.Response;
import cloud.nextmcp.cli.testing.LoggedInCliTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeysCommandsTest extends LoggedInCliTest {

    static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@laptop";
    static final String KEY = """
            {"id":7,"type":"ssh-ed25519","bits":256,"fingerprint":"SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s",
             "comment":"alice@laptop","createdAt":"2026-11-24T05:40:00Z","lastUsedAt":null}""";

    Path ssh;

    @BeforeEach
    void sshDirectory() throws Exception {
        ssh = Files.createDirectories(cli.home().resolve(".ssh"));
    }

    @Test
    void addSendsTheDefaultEd25519Key() throws Exception {
        Files.writeString(ssh.resolve("id_ed25519.pub"), ED25519 + "\n");
        Files.writeString(ssh.resolve("id_rsa.pub"), "ssh-rsa AAAAB3Nza other@host\n");
        api.on("POST", "/api/v1/keys", Response.json(201, KEY));

        CliRunner.Result result = cli.run("keys", "add");

        assertThat(result.exitCode()).isZero();
        assertThat(api.onlyRequest().json().path("publicKey").asText()).isEqualTo(ED25519);
        assertThat(result.outLines()).containsExactly(
                "Added key SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s (ssh-ed25519, alice@laptop)");
    }

    @Test
    void addFallsBackToTheRsaKey() throws Exception {
        Files.writeString(ssh.resolve("id_rsa.pub"), "ssh-rsa AAAAB3NzaC1yc2E alice@old-laptop\n");
        api.on("POST", "/api/v1/keys", Response.json(201, KEY));

        assertThat(cli.run("keys", "add").exitCode()).isZero();
        assertThat(api.onlyRequest().json().path("publicKey").asText()).isEqualTo("ssh-rsa AAAAB3NzaC1yc2E alice@old-laptop");
    }

    @Test
    void addWithAFileRelativeToTheWorkingDirectory() throws Exception {
        Files.writeString(cli.workingDirectory().resolve("deploy.pub"), ED25519);
        api.on("POST", "/api/v1/keys", Response.json(201, KEY));

        assertThat(cli.run("keys", "add", "deploy.pub").exitCode()).isZero();
        assertThat(api.onlyRequest().json().path("publicKey").asText()).isEqualTo(ED25519);
    }

    @Test
    void withoutAnyKeyTheErrorNamesBothFilesAndSshKeygen() {
        CliRunner.Result result = cli.run("keys", "add");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: no public key at " + ssh.resolve("id_ed25519.pub") + " or "
                + ssh.resolve("id_rsa.pub") + ": create one with ssh-keygen -t ed25519, or name the file: "
                + "nextmcp keys add FILE\n");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void aPrivateKeyIsNeverSent() throws Exception {
        Path privateKey = ssh.resolve("id_ed25519");
        Files.writeString(privateKey, "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----\n");

        CliRunner.Result result = cli.run("keys", "add", privateKey.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: " + privateKey + " is a private key: give the public key instead ("
                + privateKey + ".pub)\n");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void aMalformedKeyGetsTheParsersMessage() throws Exception {
        Files.writeString(ssh.resolve("id_ed25519.pub"), "ssh-ed25519 not-base64 x\n");
        api.on("POST", "/api/v1/keys", Response.problem(422, "Unprocessable Entity",
                "the key data is not valid base64"));

        CliRunner.Result result = cli.run("keys", "add");

        assertThat(result.err()).isEqualTo("error: the key data is not valid base64\n");
    }

    @Test
    void listShowsFingerprints() {
        api.on("GET", "/api/v1/keys", Response.json(200, "[" + KEY + "]"));

        CliRunner.Result result = cli.run("keys", "list");

        assertThat(result.outLines()).containsExactly(
                "ID  TYPE         BITS  FINGERPRINT                                         COMMENT       ADDED                 LAST USED",
                "7   ssh-ed25519  256   SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s  alice@laptop  2026-11-24 05:40 UTC");
    }

    @Test
    void removeByFingerprintLooksUpTheId() {
        api.on("GET", "/api/v1/keys", Response.json(200, "[" + KEY + "]"));
        api.on("DELETE", "/api/v1/keys/7", Response.noContent());

        CliRunner.Result result = cli.run("keys", "remove", "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s");

        assertThat(result.exitCode()).isZero();
        assertThat(api.requests()).extracting(Request::method, Request::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("GET", "/api/v1/keys"),
                org.assertj.core.groups.Tuple.tuple("DELETE", "/api/v1/keys/7"));
        assertThat(result.outLines()).containsExactly("Removed key SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s");
    }

    @Test
    void removeAnUnknownFingerprint() {
        api.on("GET", "/api/v1/keys", Response.json(200, "[" + KEY + "]"));

        CliRunner.Result result = cli.run("keys", "remove", "nope");

        assertThat(result.err()).isEqualTo("error: you have no key with fingerprint SHA256:nope: see nextmcp keys list\n");
        assertThat(api.requests()).hasSize(1);
    }
}
