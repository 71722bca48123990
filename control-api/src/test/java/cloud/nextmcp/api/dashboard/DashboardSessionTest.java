package cloud.nextmcp.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dashboard's session cookie, CSRF checks, login rate limit, security headers and escaping, in-process. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DashboardSessionTest {
    private static final int LOGINS_PER_MINUTE = 5;
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"),
            ConfigOverride.config("api.authRateLimitPerMinute", Integer.toString(LOGINS_PER_MINUTE)),
            ConfigOverride.config("api.trustForwardedFor", "true"));
    private static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger USERS = new AtomicInteger();

    private static int port;

    @BeforeAll
    static void port() {
        port = APP.getLocalPort();
    }

    /** A browser at an address of its own (the proxy header is trusted here), so that only the rate-limit test meets the limit. */
    private static Browser browser() {
        Browser browser = new Browser(port);
        browser.headers.put("X-Forwarded-For", "203.0.113." + (USERS.incrementAndGet() % 250));
        return browser;
    }

    private static String newEmail() {
        return "dash" + USERS.incrementAndGet() + "@example.com";
    }

    @Test
    void signingUpSetsAnHttpOnlyLaxSessionCookieAndShowsTheAppsPage() {
        Browser browser = browser();
        String email = newEmail();

        HttpResponse<String> signup = browser.signUp(email, PASSWORD);

        assertThat(signup.statusCode()).as(signup.body()).isEqualTo(303);
        assertThat(signup.headers().firstValue("Location").orElseThrow()).endsWith("/apps");
        String cookie = Browser.setCookies(signup).stream().filter(c -> c.startsWith("nextmcp_session=")).findFirst()
                .orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/").doesNotContain("Secure");
        HttpResponse<String> apps = browser.get("/apps");
        assertThat(apps.statusCode()).isEqualTo(200);
        assertThat(apps.body()).contains(email).contains("No apps yet");
        assertThat(apps.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'").contains("style-src 'self'").doesNotContain("unsafe-inline");
    }

    @Test
    void behindAnHttpsProxyTheCookieIsSecure() {
        Browser browser = browser();
        browser.headers.put("X-Forwarded-Proto", "https");

        HttpResponse<String> signup = browser.signUp(newEmail(), PASSWORD);

        assertThat(Browser.setCookies(signup)).filteredOn(c -> c.startsWith("nextmcp_session="))
                .singleElement().asString().contains("Secure").contains("HttpOnly");
    }

    @Test
    void aPageWithoutASessionRedirectsToTheLogin() {
        HttpResponse<String> page = browser().get("/apps");
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenIsRefusedAndChangesNothing() {
        Browser browser = browser();
        browser.signUp(newEmail(), PASSWORD);

        HttpResponse<String> forged = browser.post("/apps", Map.of("name", "forged-app"));
        HttpResponse<String> wrong = browser.post("/apps", Map.of("name", "forged-app", "csrf", "not-the-token"));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(browser.get("/apps").body()).doesNotContain("forged-app");
        HttpResponse<String> real = browser.post("/apps", Map.of("name", "real-app", "csrf", browser.csrfOf("/apps")));
        assertThat(real.statusCode()).as(real.body()).isEqualTo(303);
        assertThat(browser.get("/apps").body()).contains("real-app");
    }

    @Test
    void anotherSessionsCsrfTokenDoesNotWork() {
        Browser alice = browser();
        alice.signUp(newEmail(), PASSWORD);
        Browser bob = browser();
        bob.signUp(newEmail(), PASSWORD);

        HttpResponse<String> replayed = bob.post("/apps", Map.of("name", "replayed", "csrf", alice.csrfOf("/apps")));

        assertThat(replayed.statusCode()).isEqualTo(403);
    }

    @Test
    void loginWithoutThePreSessionTokenIsRefused() {
        Browser browser = browser();
        String email = newEmail();
        browser.signUp(email, PASSWORD);
        Browser other = browser();

        HttpResponse<String> login = other.post("/login", Map.of("email", email, "password", PASSWORD));

        assertThat(login.statusCode()).isEqualTo(403);
        assertThat(other.cookies).doesNotContainKey("nextmcp_session");
    }

    @Test
    void logoutEndsTheSessionEvenForACopiedCookie() {
        Browser browser = browser();
        browser.signUp(newEmail(), PASSWORD);
        Map<String, String> copied = Map.copyOf(browser.cookies);

        HttpResponse<String> out = browser.post("/logout", Map.of("csrf", browser.csrfOf("/apps")));

        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/login?notice=logged-out");
        Browser thief = browser();
        thief.cookies.putAll(copied);
        assertThat(thief.get("/apps").statusCode()).isEqualTo(303);
    }

    @Test
    void userInputInAnErrorIsEscaped() {
        Browser browser = browser();
        String csrf = browser.csrfOf("/signup");

        HttpResponse<String> page = browser.post("/signup",
                Map.of("email", "<script>alert(1)</script>", "password", PASSWORD, "csrf", csrf));

        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(page.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
    }

    @Test
    void dashboardLoginsShareTheApisRateLimit() {
        String client = "198.51.100." + (10 + USERS.incrementAndGet() % 200);
        HttpResponse<String> last = null;
        for (int i = 0; i <= LOGINS_PER_MINUTE; i++) {
            Browser browser = browser();
            browser.headers.put("X-Forwarded-For", client);
            String csrf = browser.csrfOf("/login");
            last = browser.post("/login", Map.of("email", "nobody@example.com", "password", "wrong-password", "csrf", csrf));
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.body()).contains("Too many sign-in attempts");
    }

    @Test
    void anApiTokenIsShownOnceOnTheAnswerToTheFormThatMadeIt() {
        Browser browser = browser();
        browser.signUp(newEmail(), PASSWORD);

        HttpResponse<String> created = browser.post("/account/tokens",
                Map.of("name", "ci", "expiresInDays", "", "csrf", browser.csrfOf("/account")));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("nmcp_[A-Za-z0-9]+").matcher(created.body());
        assertThat(token.find()).as(created.body()).isTrue();
        HttpResponse<String> later = browser.get("/account");
        assertThat(later.statusCode()).isEqualTo(200);
        assertThat(later.body()).contains("ci").doesNotContain(token.group());
    }
}
