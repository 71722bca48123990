package cloud.nextmcp.api.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Drives the API over real HTTP, the way the CLI does. */
public final class ApiClient {
    private static final AtomicInteger USERS = new AtomicInteger();
    public static final String PASSWORD = "correct horse battery";

    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Reply get(String path, String token) {
        return send("GET", path, null, token);
    }

    public Reply post(String path, Object body, String token) {
        return send("POST", path, body, token);
    }

    public Reply put(String path, Object body, String token) {
        return send("PUT", path, body, token);
    }

    public Reply patch(String path, Object body, String token) {
        return send("PATCH", path, body, token);
    }

    public Reply delete(String path, String token) {
        return send("DELETE", path, null, token);
    }

    public Reply send(String method, String path, Object body, String token) {
        try {
            String text = body == null ? null : body instanceof String s ? s : json.writeValueAsString(body);
            return raw(method, path, text, "application/json", token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Exactly these bytes and headers, for malformed requests. */
    public Reply raw(String method, String path, String body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers a new user with a unique e-mail built from {@code name}; returns the session. */
    public JsonNode register(String name) {
        String email = name + "-" + USERS.incrementAndGet() + "@example.com";
        Reply reply = post("/api/v1/auth/register", Map.of("email", email, "password", PASSWORD, "name", name), null);
        if (reply.status() != 201) {
            throw new AssertionError("register " + email + " failed: " + reply);
        }
        return reply.json();
    }

    /** A registered user's access token and e-mail, for tests about other things. */
    public record User(String email, String token, String personalTeam) {
    }

    public User newUser(String name) {
        JsonNode session = register(name);
        String token = session.path("accessToken").asText();
        String team = get("/api/v1/users/me", token).json().path("teams").get(0).path("name").asText();
        return new User(session.path("user").path("email").asText(), token, team);
    }
}
