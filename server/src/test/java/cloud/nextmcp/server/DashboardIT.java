package cloud.nextmcp.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.testing.Prerequisites;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in Debian's Chromium, driven by Playwright, against the real platform: a new user
 * signs up, creates an app, pushes it with git, watches the build and the app go live, calls a tool
 * from the page, sets a config var, rolls back, sees the calls in the metrics and logs out, with no
 * page tripping the Content-Security-Policy; a forged POST is refused and an API token is shown
 * once; a Viewer (phone-sized screen, dark mode) sees no buttons and is refused anyway. Full-page
 * screenshots of each step go to target/dashboard-screenshots. The owner also makes the app private,
 * grants a person access, calls the app with a token made for it on its Access tab and from the Tools
 * page, invites an e-mail address to a team (the invitee signs up through the link in a fresh browser and
 * sees the team's app), and creates an app in a team of theirs and destroys it with its name typed again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SHOTS = Path.of("target", "dashboard-screenshots");
    private static final String APP = "weather";
    private static final String EMAIL = "dana@example.com";
    private static final String PASSWORD = "correct horse battery";
    private static final String PWNED_LINE = "<script>window.pwned=1</script> built";
    private static final LocatorAssertions.ContainsTextOptions BUILD_TIME =
            new LocatorAssertions.ContainsTextOptions().setTimeout(240_000);

    @TempDir
    static Path tmp;
    private static PlatformProcess platform;
    private static Playwright playwright;
    private static Browser browser;
    private static Cli cli;
    private static GitUser git;
    private static Path anywhere;

    @BeforeAll
    static void startPlatformAndBrowser() throws Exception {
        Prerequisites.require(Files.isExecutable(CHROMIUM), "Debian's chromium at " + CHROMIUM);
        Files.createDirectories(SHOTS);
        platform = new PlatformProcess(tmp.resolve("data"), Map.of()).start();
        cli = new Cli(Files.createDirectories(tmp.resolve("home")), platform.apiUrl());
        anywhere = Files.createDirectories(tmp.resolve("anywhere"));
        git = GitUser.create(tmp.resolve("git-home"));
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true).setArgs(List.of("--no-sandbox")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void signUpCreatePushGoLiveCallAToolSetConfigRollBackSeeMetricsAndLogOut() throws Exception {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            // The strict CSP must cost nothing: no page may need an inline script or style it blocks.
            List<String> blocked = new java.util.concurrent.CopyOnWriteArrayList<>();
            page.onConsoleMessage(message -> {
                if (message.text().contains("Content Security Policy")) {
                    blocked.add(page.url() + ": " + message.text());
                }
            });
            page.navigate(platform.apiUrl() + "/");
            assertThat(page).hasURL(Pattern.compile(".*/login$"));
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create an account")).click();
            page.getByLabel("E-mail").fill(EMAIL);
            page.getByLabel("Password").fill(PASSWORD);
            shot(page, "01-signup");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign up")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Apps"))).isVisible();
            assertThat(page.locator("main")).containsText("No apps yet");
            shot(page, "02-no-apps");

            page.getByLabel("Name").fill(APP);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create app")).click();
            assertThat(page).hasURL(Pattern.compile(".*/apps/" + APP + "$"));
            assertThat(page.locator("#mcp-url")).hasText(platform.routerUrl() + "/apps/" + APP + "/mcp");
            String commands = page.locator("#push-commands").textContent();
            shot(page, "03-created");

            // The push itself is git's, with a key the CLI registers, as a user does after creating the app.
            cli.runWithStdin(anywhere, PASSWORD + "\n", "login", "--email", EMAIL, "--password-stdin");
            cli.ok(anywhere, "keys", "add", git.publicKey().toString());
            Path repo = git.repoFrom(Examples.path("node"), tmp.resolve(APP));
            addHostileBuildOutput(repo);
            String remote = commands.lines().filter(l -> l.startsWith("git remote add nextmcp ")).findFirst()
                    .orElseThrow().substring("git remote add nextmcp ".length()).strip();
            git.ok(repo, "remote", "add", "nextmcp", remote);
            CompletableFuture<GitUser.Result> push = CompletableFuture.supplyAsync(() -> git.git(repo, "push", "nextmcp", "main"));

            page.reload();
            assertThat(page.locator("#build-log")).containsText("-----> ", BUILD_TIME);
            shot(page, "04-building");
            assertThat(page.locator("#build-log")).containsText("Releasing v1", BUILD_TIME);
            GitUser.Result pushed = push.get();
            assertThat(pushed.exitCode()).as(pushed + diagnostics()).isZero();
            assertThat(page.locator("#app-status .badge")).hasText("live",
                    new LocatorAssertions.HasTextOptions().setTimeout(60_000));
            assertThat(page.locator("#app-status")).containsText("succeeded");
            page.reload();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Deploy it"))).hasCount(0);
            // Build output is untrusted: shown as text, its script never run, its ANSI colours stripped.
            assertThat(page.locator("#build-log")).containsText(PWNED_LINE);
            assertThat(page.locator("#build-log script")).hasCount(0);
            assertThat(page.evaluate("() => typeof window.pwned")).isEqualTo("undefined");
            assertThat(page.locator("#build-log").textContent()).doesNotContain("\u001b");
            shot(page, "05-live");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tools")).click();
            assertThat(page.locator("h2.mono").first()).isVisible();
            Locator greet = page.locator("section.card", new Page.LocatorOptions().setHas(
                    page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("greet").setExact(true))));
            greet.getByLabel("name").fill("Ada");
            greet.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Call greet")).click();
            assertThat(page.locator("#call-result")).containsText("Hello, Ada!");
            shot(page, "06-tool-called");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Releases & config")).click();
            page.getByLabel("Name").fill("GREETING");
            page.getByLabel("Value").fill("Howdy");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set")).click();
            assertThat(page.locator(".alert.notice")).containsText("Config var set");
            assertThat(page.locator("table").first()).containsText("Set GREETING");
            McpApp.awaitGreeting(platform.routerUrl(), APP, "Ada", "Howdy, Ada!", Duration.ofSeconds(60),
                    DashboardIT::diagnostics);
            page.reload();
            assertThat(page.locator("table").first().locator("tr", new Locator.LocatorOptions().setHasText("v2")))
                    .containsText("live");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reveal")).click();
            assertThat(page.locator(".secret").first()).hasText("Howdy");
            shot(page, "07-config-set");

            page.onDialog(dialog -> dialog.accept());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Roll back to v1")).click();
            assertThat(page.locator(".alert.notice")).containsText("Rolled back");
            assertThat(page.locator("table").first()).containsText("Rollback to v1");
            McpApp.awaitGreeting(platform.routerUrl(), APP, "Ada", "Hello, Ada!", Duration.ofSeconds(60),
                    DashboardIT::diagnostics);
            shot(page, "08-rolled-back");

            // The router writes its per-minute summaries when a minute ends.
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Metrics")).click();
            Polling.await("the greet calls in the metrics page", Duration.ofSeconds(150), () -> {
                page.reload();
                return page.locator("#tool-calls").count() > 0 && page.locator("#tool-calls").textContent().contains("greet")
                        ? Optional.of(true) : Optional.empty();
            }, DashboardIT::diagnostics);
            assertThat(page.locator("#tool-calls tr", new Page.LocatorOptions().setHasText("greet"))).isVisible();
            assertThat(Long.parseLong(page.locator("#total-requests").textContent().strip())).isPositive();
            assertThat(page.locator(".chart canvas").first()).isVisible();
            assertThat(page.locator("main")).containsText("p95 (upper bound)");
            shot(page, "09-metrics");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Logs")).click();
            assertThat(page.locator("#app-log")).containsText("web.1", BUILD_TIME);
            assertThat(page.locator("#app-log")).containsText(PWNED_LINE);
            page.getByLabel("Search").fill("listening");
            assertThat(page.locator("#app-log .line:visible").first()).containsText("listening");
            shot(page, "10-logs");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
            assertThat(page.locator(".alert.notice")).containsText("You are logged out");
            page.navigate(platform.apiUrl() + "/apps/" + APP);
            assertThat(page).hasURL(Pattern.compile(".*/login$"));
            shot(page, "11-logged-out");
            assertThat(blocked).isEmpty();
        }
    }

    @Test
    @Order(2)
    void aPostWithoutTheCsrfTokenIsRefused() {
        try (BrowserContext context = browser.newContext()) {
            Page page = logIn(context, EMAIL);
            String restart = platform.apiUrl() + "/apps/" + APP + "/releases/restart";

            APIResponse forged = page.request().post(restart, RequestOptions.create().setForm(FormData.create()));
            APIResponse wrong = page.request().post(restart, RequestOptions.create()
                    .setForm(FormData.create().set("csrf", "guessed")));

            assertThat(forged.status()).isEqualTo(403);
            assertThat(forged.text()).contains("reload the page");
            assertThat(wrong.status()).isEqualTo(403);
            page.navigate(platform.apiUrl() + "/apps/" + APP + "/releases");
            assertThat(page.locator("main")).not().containsText("Restarting");

            // An API token is shown once, right after it is made.
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Keys & tokens")).click();
            assertThat(page.locator("main")).containsText("SHA256:");
            page.getByLabel("Name").fill("ci");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
            String token = page.locator("#token-value").textContent();
            assertThat(token).startsWith("nmcp_");
            shot(page, "12-token-once");
            page.navigate(platform.apiUrl() + "/account");
            assertThat(page.locator("main")).containsText("ci");
            assertThat(page.locator("main")).not().containsText(token);
            cli.ok(anywhere, "login", "--token", token);
            assertThat(cli.ok(anywhere, "whoami").trim()).isEqualTo(EMAIL);
        }
    }

    @Test
    @Order(3)
    void aViewerSeesNoButtonsAndIsRefusedAnyway() throws Exception {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                .setColorScheme(ColorScheme.DARK))) {
            Page page = context.newPage();
            page.navigate(platform.apiUrl() + "/signup");
            page.getByLabel("E-mail").fill("vera@example.com");
            page.getByLabel("Password").fill(PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign up")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Apps"))).isVisible();

            try (BrowserContext owners = browser.newContext()) {
                Page owner = logIn(owners, EMAIL);
                owner.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Teams")).click();
                owner.getByLabel("Name").fill("acme");
                owner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create team")).click();
                assertThat(owner.locator(".alert.notice")).containsText("Team created");
                cli.ok(anywhere, "apps", "create", "acme-tools", "--team", "acme");
                cli.ok(anywhere, "config", "set", "API_KEY=s3cret-value", "--app", "acme-tools");
                owner.getByLabel("Add by e-mail").fill("vera@example.com");
                owner.getByLabel("Role", new Page.GetByLabelOptions().setExact(true)).selectOption("viewer");
                owner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add member")).click();
                assertThat(owner.locator(".alert.notice")).containsText("Member added");
                assertThat(owner.locator("main")).containsText("vera@example.com");
                shot(owner, "13-team");
            }

            page.reload();
            assertThat(page.locator("main")).containsText("acme-tools");
            page.navigate(platform.apiUrl() + "/apps/acme-tools/releases");
            assertThat(page.locator("main")).containsText("API_KEY");
            assertThat(page.locator("main")).not().containsText("s3cret-value");
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set"))).hasCount(0);
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Restart"))).hasCount(0);
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reveal"))).hasCount(0);
            assertThat(page.evaluate("() => getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(15, 17, 21)");
            shot(page, "14-viewer-phone-dark");

            String csrf = page.locator("input[name=csrf]").first().getAttribute("value");
            APIResponse refused = page.request().post(platform.apiUrl() + "/apps/acme-tools/releases/config",
                    RequestOptions.create().setForm(FormData.create().set("csrf", csrf).set("key", "API_KEY").set("value", "x")));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.text()).contains("viewer");
            assertThat(cli.ok(anywhere, "config", "--app", "acme-tools", "--reveal")).contains("s3cret-value");
        }
    }

    @Test
    @Order(4)
    void anOwnerAddsAndRemovesADomainAndSeesTheSelfHostedPlan() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = logIn(context, EMAIL);
            List<String> blocked = new java.util.concurrent.CopyOnWriteArrayList<>();
            page.onConsoleMessage(message -> {
                if (message.text().contains("Content Security Policy")) {
                    blocked.add(page.url() + ": " + message.text());
                }
            });
            page.navigate(platform.apiUrl() + "/apps/" + APP);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Domains")).click();
            assertThat(page.locator("main")).containsText("No custom domains");
            page.getByLabel("Domain", new Page.GetByLabelOptions().setExact(true)).fill("mcp.example.com");
            page.getByLabel("Redirect HTTP to HTTPS").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add domain")).click();
            assertThat(page.locator(".alert.notice")).containsText("Domain added");
            assertThat(page.locator("main")).containsText("pending ownership");
            assertThat(page.locator("main table")).containsText("_nextmcp-challenge.mcp.example.com");
            assertThat(page.locator("main")).containsText("HTTP redirects to HTTPS");
            assertThat(cli.ok(anywhere, "domains", "list", "-a", APP)).contains("mcp.example.com");
            shot(page, "15-domain-added");

            page.onDialog(dialog -> dialog.accept());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove")).click();
            assertThat(page.locator(".alert.notice")).containsText("Domain removed");
            assertThat(page.locator("main")).containsText("No custom domains");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Teams")).click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Plan, usage and billing")).first().click();
            assertThat(page.locator("main")).containsText("unlimited self-hosted plan");
            assertThat(page.locator("main")).containsText("Usage this period");
            assertThat(page.locator("main button")).hasCount(0);
            shot(page, "16-billing-self-hosted");
            assertThat(blocked).isEmpty();
        }
    }

    @Test
    @Order(5)
    void anOwnerMakesTheAppPrivateCallsItInvitesSomeoneAndCreatesAndDestroysAnAppInATeam() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = logIn(context, EMAIL);
            List<String> blocked = new java.util.concurrent.CopyOnWriteArrayList<>();
            page.onConsoleMessage(message -> {
                if (message.text().contains("Content Security Policy")) {
                    blocked.add(page.url() + ": " + message.text());
                }
            });
            page.onDialog(dialog -> dialog.accept());
            page.navigate(platform.apiUrl() + "/apps/" + APP);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Access")).click();
            assertThat(page.locator("main")).containsText("Anyone who has the URL");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make private")).click();
            assertThat(page.locator(".alert.notice")).containsText("Visibility changed");
            assertThat(cli.ok(anywhere, "apps", "visibility", "-a", APP)).contains("private");
            Polling.await("the router to refuse calls without a token", Duration.ofSeconds(30), () -> {
                try {
                    McpApp.connect(platform.routerUrl(), APP).close();
                    return Optional.empty();
                } catch (RuntimeException refused) {
                    return Optional.of(true);
                }
            }, DashboardIT::diagnostics);

            page.getByLabel("E-mail").fill("vera@example.com");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Grant access")).click();
            assertThat(page.locator(".alert.notice")).containsText("Access granted");
            assertThat(page.locator("main table").first()).containsText("vera@example.com");

            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("bot");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
            String token = page.locator("#token-value").textContent();
            assertThat(token).startsWith("nmcp_");
            assertThat(page.locator("#new-token")).containsText("token for app " + APP);
            shot(page, "17-access-private-token");
            String greeting = Polling.await("the app token to reach the router", Duration.ofSeconds(30), () -> {
                try (McpApp mcp = McpApp.connect(platform.routerUrl(), APP, token)) {
                    return Optional.of(mcp.greet("Ada"));
                } catch (RuntimeException notYet) {
                    return Optional.empty();
                }
            }, DashboardIT::diagnostics);
            assertThat(greeting).isEqualTo("Hello, Ada!");
            page.reload();
            assertThat(page.locator("main")).not().containsText(token);

            // The Tools page reaches the private app with a token of its own, made and revoked per exchange.
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tools")).click();
            Locator greet = page.locator("section.card", new Page.LocatorOptions().setHas(
                    page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("greet").setExact(true))));
            greet.getByLabel("name").fill("Grace");
            greet.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Call greet")).click();
            assertThat(page.locator("#call-result")).containsText("Hello, Grace!");
            assertThat(page.content()).doesNotContain("nmcp_");
            assertThat(cli.ok(anywhere, "tokens", "list")).doesNotContain("dashboard tools");
            shot(page, "20-tools-private-app");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Teams")).click();
            page.getByLabel("Invite by e-mail").fill("ines@example.com");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Invite")).click();
            String link = page.locator("#invitation-link").textContent();
            // The link names the platform's public API URL, which is where the invitee goes.
            assertThat(link).matches("http://[^/]+/invite/nmci_[A-Za-z0-9]+");
            shot(page, "21-invitation-link");
            try (BrowserContext invitee = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
                Page ines = invitee.newPage();
                ines.navigate(link);
                assertThat(ines.locator("main")).containsText("to the team acme as member");
                ines.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign up as ines@example.com")).click();
                assertThat(ines.getByLabel("E-mail")).hasValue("ines@example.com");
                ines.getByLabel("Password").fill(PASSWORD);
                ines.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign up")).click();
                ines.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Accept and join acme")).click();
                assertThat(ines.locator(".alert.notice")).containsText("You joined the team");
                assertThat(ines.locator("main")).containsText("acme-tools");
                shot(ines, "22-invitee-joined");
            }
            page.reload();
            assertThat(page.locator("main")).containsText("ines@example.com");
            assertThat(page.locator("main")).not().containsText("Pending invitations");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Apps").setExact(true)).click();
            page.getByLabel("Name").fill("acme-extra");
            page.getByLabel("Team").selectOption("acme");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create app")).click();
            assertThat(page).hasURL(Pattern.compile(".*/apps/acme-extra$"));
            assertThat(page.locator(".heading")).containsText("team acme");
            page.getByLabel("Type acme-extra to confirm").fill("acme-extra");
            shot(page, "18-destroy-confirm");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Destroy acme-extra")).click();
            assertThat(page.locator(".alert.notice")).containsText("App destroyed");
            assertThat(page.locator("main table")).not().containsText("acme-extra");
            assertThat(cli.ok(anywhere, "apps", "list")).doesNotContain("acme-extra");
            shot(page, "19-app-destroyed");
            assertThat(blocked).isEmpty();
        }
    }

    private static Page logIn(BrowserContext context, String email) {
        Page page = context.newPage();
        page.navigate(platform.apiUrl() + "/login");
        page.getByLabel("E-mail").fill(email);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page).hasURL(Pattern.compile(".*/apps$"));
        return page;
    }

    /** A build step that prints a script tag in ANSI red: the page must show it as plain text. */
    private static void addHostileBuildOutput(Path repo) throws Exception {
        Path packageJson = repo.resolve("package.json");
        Files.writeString(packageJson, Files.readString(packageJson).replace("\"start\": \"node server.js\"",
                "\"start\": \"node server.js\",\n    \"build\": \"node -e \\\"console.log('\\\\u001b[31m"
                        + PWNED_LINE + "\\\\u001b[0m')\\\"\""));
        git.ok(repo, "commit", "-q", "-am", "Print a script tag while building");
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }

    private static String diagnostics() {
        return "\n--- platform log\n" + platform.logText();
    }
}
