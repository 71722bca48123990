package cloud.nextmcp.api;

import static cloud.nextmcp.api.AuthApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.Reply;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Inviting by e-mail: who may invite, the link working once and only for the invited address, revoking and expiry. */
@ExtendWith(DropwizardExtensionsSupport.class)
class InvitationsApiTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"));
    private static final AtomicInteger TEAMS = new AtomicInteger();

    static ApiClient api;
    static Jdbi jdbi;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
        jdbi = APP.<TestApiApplication>getApplication().jdbi();
    }

    private record Team(String name, ApiClient.User owner, ApiClient.User admin, ApiClient.User viewer) {
    }

    private static Team team() {
        String name = "inv-" + TEAMS.incrementAndGet();
        ApiClient.User owner = api.newUser("owner");
        assertThat(api.post("/api/v1/teams", Map.of("name", name), owner.token()).status()).isEqualTo(201);
        ApiClient.User admin = api.newUser("admin");
        ApiClient.User viewer = api.newUser("viewer");
        assertThat(api.post("/api/v1/teams/" + name + "/members", Map.of("email", admin.email(), "role", "admin"),
                owner.token()).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/teams/" + name + "/members", Map.of("email", viewer.email(), "role", "viewer"),
                owner.token()).status()).isEqualTo(201);
        return new Team(name, owner, admin, viewer);
    }

    private static JsonNode invite(Team t, ApiClient.User by, String email, String role) {
        Reply reply = api.post("/api/v1/teams/" + t.name() + "/invitations", Map.of("email", email, "role", role), by.token());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    /** Registers the invited address afterwards, as someone without an account would. */
    private static ApiClient.User signUp(String email) {
        Reply reply = api.post("/api/v1/auth/register", Map.of("email", email, "password", ApiClient.PASSWORD), null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return new ApiClient.User(email, reply.json().path("accessToken").asText(), null);
    }

    private static String freshEmail(String who) {
        return who + "-" + System.nanoTime() + "@example.com";
    }

    @Test
    void anInviteeWithoutAccountSignsUpAcceptsOnceAndHasTheInvitedRole() {
        Team t = team();
        String email = freshEmail("newcomer");
        JsonNode created = invite(t, t.admin(), email, "member");
        assertThat(created.path("url").asText()).startsWith("http://localhost:8000/invite/nmci_");
        String code = created.path("code").asText();
        assertThat(created.path("url").asText()).endsWith(code);
        assertThat(created.path("state").asText()).isEqualTo("pending");

        Reply listed = api.get("/api/v1/teams/" + t.name() + "/invitations", t.viewer().token());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().findValuesAsText("email")).containsExactly(email);
        assertThat(listed.body()).doesNotContain(code).doesNotContain("\"url\"");

        ApiClient.User newcomer = signUp(email);
        // The link as a whole works as well as the bare code.
        Reply accepted = api.post("/api/v1/invitations/accept", Map.of("code", created.path("url").asText()), newcomer.token());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().path("state").asText()).isEqualTo("accepted");
        JsonNode members = api.get("/api/v1/teams/" + t.name() + "/members", newcomer.token()).json();
        assertThat(members.findValuesAsText("email")).contains(email);
        for (JsonNode m : members) {
            if (m.path("email").asText().equals(email)) {
                assertThat(m.path("role").asText()).isEqualTo("member");
            }
        }
        assertThat(api.get("/api/v1/teams/" + t.name() + "/invitations", t.owner().token()).json()).isEmpty();

        assertProblem(api.post("/api/v1/invitations/accept", Map.of("code", code), newcomer.token()), 409,
                "was already accepted; a link works once");
    }

    @Test
    void theLinkAloneIsNotEnoughAnotherAddressIsRefused() {
        Team t = team();
        String email = freshEmail("invitee");
        String code = invite(t, t.owner(), email, "admin").path("code").asText();
        ApiClient.User other = api.newUser("other");
        assertProblem(api.post("/api/v1/invitations/accept", Map.of("code", code), other.token()), 403,
                "this invitation is for " + email + " but you are signed in as " + other.email());
        assertProblem(api.get("/api/v1/teams/" + t.name() + "/members", other.token()), 404, "not found");
        assertProblem(api.post("/api/v1/invitations/accept", Map.of("code", code), null), 401, "");
        assertProblem(api.post("/api/v1/invitations/accept", Map.of("code", "nmci_nothing"), other.token()), 404,
                "this invitation link is not valid");

        // Still usable by the right person afterwards.
        ApiClient.User invitee = signUp(email.toUpperCase(java.util.Locale.ROOT));
        assertThat(api.post("/api/v1/invitations/accept", Map.of("code", code), invitee.token()).status()).isEqualTo(200);
    }

    @Test
    void onlyAdminsInviteAndOnlyOwnersInviteOrRevokeOwners() {
        Team t = team();
        assertProblem(api.post("/api/v1/teams/" + t.name() + "/invitations", Map.of("email", freshEmail("x"), "role", "member"),
                t.viewer().token()), 403, "your role in team '" + t.name() + "' is viewer; inviting members needs admin or higher");
        assertProblem(api.post("/api/v1/teams/" + t.name() + "/invitations", Map.of("email", freshEmail("x"), "role", "owner"),
                t.admin().token()), 403, "inviting an owner needs owner");
        ApiClient.User outsider = api.newUser("outsider");
        assertProblem(api.post("/api/v1/teams/" + t.name() + "/invitations", Map.of("email", freshEmail("x")),
                outsider.token()), 404, "not found");
        assertProblem(api.post("/api/v1/teams/" + t.name() + "/invitations", Map.of("email", "no-at-sign", "role", "member"),
                t.admin().token()), 422, "is not an e-mail address");
        assertProblem(api.post("/api/v1/teams/" + t.name() + "/invitations", Map.of("email", t.viewer().email()),
                t.admin().token()), 409, "is already a member");
        assertProblem(api.post("/api/v1/teams/" + t.owner().personalTeam() + "/invitations", Map.of("email", freshEmail("x")),
                t.owner().token()), 422, "personal team");

        long ownerInvite = invite(t, t.owner(), freshEmail("boss"), "owner").path("id").asLong();
        assertProblem(api.delete("/api/v1/teams/" + t.name() + "/invitations/" + ownerInvite, t.admin().token()), 403,
                "revoking an invitation to be owner needs owner");
        assertProblem(api.delete("/api/v1/teams/" + t.name() + "/invitations/" + ownerInvite, t.viewer().token()), 403,
                "revoking invitations needs admin or higher");
        assertThat(api.delete("/api/v1/teams/" + t.name() + "/invitations/" + ownerInvite, t.owner().token()).status())
                .isEqualTo(204);
    }

    @Test
    void revokedReplacedAndExpiredLinksAreRefusedClearly() {
        Team t = team();
        String email = freshEmail("late");
        JsonNode first = invite(t, t.admin(), email, "viewer");
        JsonNode second = invite(t, t.admin(), email, "member");
        assertThat(api.get("/api/v1/teams/" + t.name() + "/invitations", t.admin().token()).json().findValuesAsText("role"))
                .containsExactly("member");
        ApiClient.User invitee = signUp(email);
        assertProblem(api.post("/api/v1/invitations/accept", Map.of("code", first.path("code").asText()), invitee.token()),
                410, "was revoked; ask an admin of the team for a new one");

        long id = second.path("id").asLong();
        assertThat(api.delete("/api/v1/teams/" + t.name() + "/invitations/" + id, t.admin().token()).status()).isEqualTo(204);
        assertProblem(api.delete("/api/v1/teams/" + t.name() + "/invitations/" + id, t.admin().token()), 409,
                "is already revoked");
        assertProblem(api.post("/api/v1/invitations/accept", Map.of("code", second.path("code").asText()), invitee.token()),
                410, "was revoked");
        assertProblem(api.delete("/api/v1/teams/" + t.name() + "/invitations/999999", t.admin().token()), 404,
                "has no invitation 999999");

        JsonNode third = invite(t, t.admin(), email, "member");
        // Eight days later: the link was valid for seven.
        jdbi.useHandle(h -> h.execute("UPDATE team_invitations SET expires_at = now() - interval '1 day' WHERE id = ?",
                third.path("id").asLong()));
        assertThat(api.get("/api/v1/teams/" + t.name() + "/invitations", t.admin().token()).json().findValuesAsText("state"))
                .containsExactly("expired");
        assertProblem(api.post("/api/v1/invitations/accept", Map.of("code", third.path("code").asText()), invitee.token()),
                410, "expired on");
        assertProblem(api.get("/api/v1/teams/" + t.name() + "/members", invitee.token()), 404, "not found");
    }
}
