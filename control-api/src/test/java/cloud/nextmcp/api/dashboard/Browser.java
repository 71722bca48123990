package cloud.nextmcp.api.dashboard;

import cloud.nextmcp.api.testing.ApiClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A minimal cookie-keeping browser for the dashboard's forms: no redirects followed, so tests see them. */
final class Browser {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    final Map<String, String> cookies = new HashMap<>();
    final Map<String, String> headers = new HashMap<>();

    Browser(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The CSRF token of the form on the page at {@code path}. */
    String csrfOf(String path) {
        HttpResponse<String> page = get(path);
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no csrf field on " + path + ": " + page.statusCode() + " " + page.body());
        }
        return m.group(1);
    }

    /** A browser logged in as {@code user} through the login form. */
    static Browser loggedIn(int port, ApiClient.User user) {
        Browser browser = new Browser(port);
        HttpResponse<String> login = browser.post("/login",
                Map.of("email", user.email(), "password", ApiClient.PASSWORD, "csrf", browser.csrfOf("/login")));
        if (login.statusCode() != 303) {
            throw new AssertionError("login of " + user.email() + " failed: " + login.statusCode() + " " + login.body());
        }
        return browser;
    }

    /** Signs up through the form and keeps the session cookie. */
    HttpResponse<String> signUp(String email, String password) {
        String csrf = csrfOf("/signup");
        return post("/signup", Map.of("email", email, "password", password, "csrf", csrf));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        headers.forEach(request::header);
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                String[] kv = pair.split("=", 2);
                if (kv[1].isEmpty()) {
                    cookies.remove(kv[0]);
                } else {
                    cookies.put(kv[0], kv[1]);
                }
            }
            return response;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> setCookies(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie");
    }
}
