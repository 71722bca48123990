package cloud.nextmcp.cli.teams;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.cli.testing.CliRunner;
import cloud.nextmcp.cli.testing.LoggedInCliTest;
import cloud.nextmcp.cli.testing.FakeApi.Request;
import cloud.nextmcp.cli.testing.FakeApi.Response;
import org.junit.jupiter.api.Test;

class TeamsCommandsTest extends LoggedInCliTest {

    static final String BOB = "{\"email\":\"bob+ops@example.com\",\"name\":\"Bob\",\"role\":\"admin\","
            + "\"joinedAt\":\"2026-11-24T05:40:00Z\"}";

    @Test
    void listShowsTeamsWithRoles() {
        api.on("GET", "/api/v1/teams", Response.json(200, "[{\"name\":\"alice\",\"role\":\"owner\",\"personal\":true,"
                + "\"createdAt\":\"2026-11-24T05:00:00Z\"},{\"name\":\"acme-labs\",\"role\":\"viewer\","
                + "\"personal\":false,\"createdAt\":\"2026-11-24T05:40:00Z\"}]"));

        CliRunner.Result result = cli.run("teams", "list");

        assertThat(result.outLines()).containsExactly(
                "NAME       ROLE    PERSONAL  CREATED",
                "alice      owner   yes       2026-11-24 05:00 UTC",
                "acme-labs  viewer  no        2026-11-24 05:40 UTC");
    }

    @Test
    void createSendsTheName() {
        api.on("POST", "/api/v1/teams", Response.json(201, "{\"name\":\"acme\",\"role\":\"owner\","
                + "\"personal\":false,\"createdAt\":\"2026-11-24T05:40:00Z\"}"));

        CliRunner.Result result = cli.run("teams", "create", "acme");

        assertThat(api.onlyRequest().body()).isEqualTo("{\"name\":\"acme\"}");
        assertThat(result.outLines()).containsExactly("Created team acme (you are its owner)");
    }

    @Test
    void membersTable() {
        api.on("GET", "/api/v1/teams/acme/members", Response.json(200, "[" + BOB + "]"));

        CliRunner.Result result = cli.run("teams", "members", "acme");

        assertThat(result.outLines()).containsExactly(
                "EMAIL                NAME  ROLE   JOINED",
                "bob+ops@example.com  Bob   admin  2026-11-24 05:40 UTC");
    }

    @Test
    void addMemberWithARole() {
        api.on("POST", "/api/v1/teams/acme/members", Response.json(201, BOB));

        CliRunner.Result result = cli.run("teams", "add-member", "acme", "bob+ops@example.com", "--role", "ADMIN");

        assertThat(result.exitCode()).isZero();
        assertThat(api.onlyRequest().body()).isEqualTo("{\"email\":\"bob+ops@example.com\",\"role\":\"admin\"}");
        assertThat(result.outLines()).containsExactly("Added bob+ops@example.com to acme as admin");
    }

    @Test
    void addMemberDefaultsToMemberAndRejectsUnknownRoles() {
        api.on("POST", "/api/v1/teams/acme/members", Response.json(201, BOB));

        cli.run("teams", "add-member", "acme", "bob@example.com");
        CliRunner.Result bad = cli.run("teams", "add-member", "acme", "bob@example.com", "--role", "king");

        assertThat(api.onlyRequest().json().path("role").asText()).isEqualTo("member");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.errLines()).hasSize(1);
        assertThat(bad.err()).startsWith("error: Invalid value for option '--role': expected one of");
    }

    @Test
    void setRoleAndRemoveMemberEncodeTheEmailInThePath() {
        api.on("PUT", "/api/v1/teams/acme/members/bob%2Bops%40example.com", Response.json(200,
                BOB.replace("admin", "viewer")));
        api.on("DELETE", "/api/v1/teams/acme/members/bob%2Bops%40example.com", Response.noContent());

        CliRunner.Result setRole = cli.run("teams", "set-role", "acme", "bob+ops@example.com", "viewer");
        CliRunner.Result remove = cli.run("teams", "remove-member", "acme", "bob+ops@example.com");

        assertThat(api.requests()).extracting(Request::method, Request::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("PUT", "/api/v1/teams/acme/members/bob+ops@example.com"),
                org.assertj.core.groups.Tuple.tuple("DELETE", "/api/v1/teams/acme/members/bob+ops@example.com"));
        assertThat(api.requests().get(0).body()).isEqualTo("{\"role\":\"viewer\"}");
        assertThat(setRole.outLines()).containsExactly("bob+ops@example.com is now viewer of acme");
        assertThat(remove.outLines()).containsExactly("Removed bob+ops@example.com from acme");
    }

    @Test
    void theLastOwnerMessageComesThrough() {
        api.on("PUT", "/api/v1/teams/acme/members/alice%40example.com",
                Response.problem(409, "Conflict", "a team needs at least one owner"));

        CliRunner.Result result = cli.run("teams", "set-role", "acme", "alice@example.com", "member");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: a team needs at least one owner\n");
    }
}
