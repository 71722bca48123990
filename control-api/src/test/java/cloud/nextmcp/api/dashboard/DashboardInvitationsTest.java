package cloud.nextmcp.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.TeamApp;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Inviting from the Team page, and the page an invitation link opens: sign up through it, accept with CSRF, refusals. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DashboardInvitationsTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"));
    private static final Pattern LINK = Pattern.compile("<code id=\"invitation-link\">http://localhost:8000(/invite/(nmci_[A-Za-z0-9]+))</code>");

    private static ApiClient api;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
    }

    private static String invite(Browser by, String team, String email, String role) {
        HttpResponse<String> created = by.post("/teams/" + team + "/invitations",
                Map.of("email", email, "role", role, "csrf", by.csrfOf("/teams")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Matcher link = LINK.matcher(created.body());
        assertThat(link.find()).as(created.body()).isTrue();
        return link.group(1);
    }

    @Test
    void theLinkIsShownOnceAndTheInviteeSignsUpThroughItAndJoins() {
        TeamApp t = TeamApp.create(api, APP.<TestApiApplication>getApplication().jdbi());
        Browser owner = Browser.loggedIn(APP.getLocalPort(), t.owner());
        String email = "carol-" + System.nanoTime() + "@example.com";
        String link = invite(owner, t.team(), email, "viewer");
        String code = link.substring("/invite/".length());
        String teams = owner.get("/teams").body();
        assertThat(teams).contains("Pending invitations").contains(email).doesNotContain(code);

        Browser invitee = new Browser(APP.getLocalPort());
        String landing = invitee.get(link).body();
        assertThat(landing).contains("Join team " + t.team()).contains(t.owner().email() + " invited")
                .contains("Sign up as " + email).contains("/signup?next=%2Finvite%2F" + code);
        String signupForm = invitee.get("/signup?next=" + link + "&email=" + email).body();
        assertThat(signupForm).contains("name=\"next\" value=\"" + link + "\"").contains("value=\"" + email + "\"");
        HttpResponse<String> signedUp = invitee.post("/signup", Map.of("email", email, "password", ApiClient.PASSWORD,
                "next", link, "csrf", invitee.csrfOf("/signup")));
        assertThat(signedUp.statusCode()).as(signedUp.body()).isEqualTo(303);
        assertThat(signedUp.headers().firstValue("Location").orElseThrow()).endsWith(link);

        assertThat(invitee.get(link).body()).contains("Accept and join " + t.team());
        assertThat(invitee.post(link, Map.of()).statusCode()).isEqualTo(403);
        HttpResponse<String> joined = invitee.post(link, Map.of("csrf", invitee.csrfOf(link)));
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(303);
        assertThat(joined.headers().firstValue("Location").orElseThrow()).endsWith("/apps?notice=joined");
        assertThat(invitee.get("/apps?notice=joined").body()).contains(t.app());
        assertThat(api.get("/api/v1/teams/" + t.team() + "/members", t.owner().token()).json().toString())
                .contains("\"email\":\"" + email + "\",\"name\":null,\"role\":\"viewer\"");

        assertThat(invitee.get(link).body()).contains("This invitation is accepted");
        assertThat(owner.get("/teams").body()).doesNotContain("Pending invitations");
    }

    @Test
    void refusalsAreShownWhereTheyHappen() {
        TeamApp t = TeamApp.create(api, APP.<TestApiApplication>getApplication().jdbi());
        Browser owner = Browser.loggedIn(APP.getLocalPort(), t.owner());
        Browser member = Browser.loggedIn(APP.getLocalPort(), t.member());
        assertThat(owner.get("/teams").body()).contains("Invite by e-mail");
        assertThat(member.get("/teams").body()).doesNotContain("Invite by e-mail");
        HttpResponse<String> byMember = member.post("/teams/" + t.team() + "/invitations",
                Map.of("email", "x@example.com", "csrf", member.csrfOf("/teams")));
        assertThat(byMember.statusCode()).isEqualTo(403);
        assertThat(byMember.body()).contains("role=\"alert\"").contains("inviting members needs admin or higher");
        assertThat(owner.post("/teams/" + t.team() + "/invitations", Map.of("email", "x@example.com")).statusCode())
                .isEqualTo(403);

        String email = "dave-" + System.nanoTime() + "@example.com";
        String link = invite(owner, t.team(), email, "member");
        // Someone else who got hold of the link is told so and cannot accept.
        Browser other = Browser.loggedIn(APP.getLocalPort(), t.outsider());
        assertThat(other.get(link).body()).contains("You are signed in as " + t.outsider().email())
                .doesNotContain("Accept and join");
        HttpResponse<String> stolen = other.post(link, Map.of("csrf", other.csrfOf("/apps")));
        assertThat(stolen.statusCode()).isEqualTo(403);
        assertThat(stolen.body()).contains("this invitation is for " + email);

        long id = api.get("/api/v1/teams/" + t.team() + "/invitations", t.owner().token()).json().get(0).path("id").asLong();
        HttpResponse<String> revoked = owner.post("/teams/" + t.team() + "/invitations/" + id + "/revoke",
                Map.of("csrf", owner.csrfOf("/teams")));
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(new Browser(APP.getLocalPort()).get(link).body()).contains("This invitation is revoked")
                .doesNotContain("Sign up as");
        assertThat(new Browser(APP.getLocalPort()).get("/invite/nmci_unknown").statusCode()).isEqualTo(404);

        // A sign-in goes back only to an invitation page, never to an address a link chose.
        Browser away = new Browser(APP.getLocalPort());
        HttpResponse<String> login = away.post("/login", Map.of("email", t.member().email(), "password", ApiClient.PASSWORD,
                "next", "https://evil.example/", "csrf", away.csrfOf("/login")));
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/apps");
    }
}
