package cloud.nextmcp.cli.teams;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.cli.testing.CliRunner;
import cloud.nextmcp.cli.testing.FakeApi.Request;
import cloud.nextmcp.cli.testing.FakeApi.Response;
import cloud.nextmcp.cli.testing.LoggedInCliTest;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class InvitationCommandsTest extends LoggedInCliTest {
    static final String TEAMS = "[{\"name\":\"alice\",\"role\":\"owner\",\"personal\":true,\"createdAt\":\"2026-11-24T05:00:00Z\"},"
            + "{\"name\":\"acme\",\"role\":\"admin\",\"personal\":false,\"createdAt\":\"2026-11-24T05:40:00Z\"}]";
    static final String INVITATION = "{\"id\":7,\"team\":\"acme\",\"email\":\"carol@example.com\",\"role\":\"viewer\","
            + "\"state\":\"pending\",\"invitedBy\":\"alice@example.com\",\"createdAt\":\"2026-11-24T05:40:00Z\","
            + "\"expiresAt\":\"2026-12-01T05:40:00Z\"";

    @Test
    void inviteUsesTheOnlySharedTeamAndPrintsTheLinkOnce() {
        api.on("GET", "/api/v1/teams", Response.json(200, TEAMS));
        api.on("POST", "/api/v1/teams/acme/invitations", Response.json(201, INVITATION
                + ",\"code\":\"nmci_abc\",\"url\":\"http://localhost:8000/invite/nmci_abc\"}"));

        CliRunner.Result result = cli.run("teams", "invite", "carol@example.com", "--role", "viewer");

        assertThat(result.exitCode()).isZero();
        assertThat(api.requests().get(1).body()).isEqualTo("{\"email\":\"carol@example.com\",\"role\":\"viewer\"}");
        assertThat(result.outLines()).containsExactly(
                "Invited carol@example.com to acme as viewer (invitation 7, valid until 2026-12-01 05:40 UTC).",
                "Send them this link; it is not shown again and works once, for that address only:",
                "  http://localhost:8000/invite/nmci_abc");
    }

    @Test
    void severalTeamsNeedTeamOption() {
        api.on("GET", "/api/v1/teams", Response.json(200, TEAMS.replace("]",
                ",{\"name\":\"beta\",\"role\":\"owner\",\"personal\":false,\"createdAt\":\"2026-11-24T05:40:00Z\"}]")));

        CliRunner.Result result = cli.run("teams", "invite", "carol@example.com");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: you are in several teams (acme, beta); name one with -t TEAM\n");
    }

    @Test
    void invitationsListAndRevokeByIdWithTeamOption() {
        api.on("GET", "/api/v1/teams/acme/invitations", Response.json(200, "[" + INVITATION + "}]"));
        api.on("DELETE", "/api/v1/teams/acme/invitations/7", Response.noContent());

        CliRunner.Result list = cli.run("teams", "invitations", "-t", "acme");
        CliRunner.Result revoke = cli.run("teams", "invitations", "revoke", "7", "--team", "acme");

        assertThat(list.outLines()).containsExactly(
                "ID  EMAIL              ROLE    STATE    INVITED BY         EXPIRES",
                "7   carol@example.com  viewer  pending  alice@example.com  2026-12-01 05:40 UTC");
        assertThat(api.requests()).extracting(Request::method, Request::path).containsExactly(
                Tuple.tuple("GET", "/api/v1/teams/acme/invitations"),
                Tuple.tuple("DELETE", "/api/v1/teams/acme/invitations/7"));
        assertThat(revoke.outLines()).containsExactly("Revoked invitation 7 to acme; its link no longer works.");
    }

    @Test
    void joinSendsTheLinkAndShowsRefusalsAsMessages() {
        api.on("POST", "/api/v1/invitations/accept",
                Response.json(200, INVITATION.replace("pending", "accepted") + "}"),
                Response.problem(409, "Conflict", "this invitation to team 'acme' was already accepted; a link works once"));

        CliRunner.Result joined = cli.run("teams", "join", "http://localhost:8000/invite/nmci_abc");
        CliRunner.Result again = cli.run("teams", "join", "nmci_abc");

        assertThat(api.requests().get(0).json().path("code").asText()).isEqualTo("http://localhost:8000/invite/nmci_abc");
        assertThat(joined.outLines()).containsExactly("Joined acme as viewer. Its apps: nextmcp apps list --team acme");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("error: this invitation to team 'acme' was already accepted; a link works once\n");
    }
}
