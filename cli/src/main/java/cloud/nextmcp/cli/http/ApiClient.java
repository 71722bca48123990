package cloud.nextmcp.cli.http;

import cloud.nextmcp.cli.CliException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The control API over HTTP: JSON in, JSON out, errors turned into {@link ApiException}s
 * carrying the problem's detail, and one retry with a renewed token after a 401.
 */
public final class ApiClient {

    public static final String API_PREFIX = "/api/v1";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI baseUrl;
    private final Authentication authentication;
    private final ObjectMapper json;
    private final String userAgent;

    public ApiClient(HttpClient http, URI baseUrl, Authentication authentication, ObjectMapper json, String userAgent) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.authentication = authentication;
        this.json = json;
        this.userAgent = userAgent;
    }

    /** The platform's address, e.g. {@code http://localhost:8000}, without the API prefix. */
    public URI baseUrl() {
        return baseUrl;
    }

    public JsonNode get(String path) {
        return readJson(exchange("GET", path, null, "application/json", Map.of(), REQUEST_TIMEOUT,
                HttpResponse.BodyHandlers.ofByteArray()).body());
    }

    public JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    public JsonNode put(String path, Object body) {
        return send("PUT", path, body);
    }

    public JsonNode patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    public void delete(String path) {
        send("DELETE", path, null);
    }

    /** A {@code text/plain} resource, such as a build log. */
    public String getText(String path) {
        byte[] body = exchange("GET", path, null, "text/plain", Map.of(), REQUEST_TIMEOUT,
                HttpResponse.BodyHandlers.ofByteArray()).body();
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Opens a long-lived response (no request timeout) and hands back its status and body
     * stream; error statuses other than 204 are thrown like any other call's.
     */
    public HttpResponse<InputStream> openStream(String path, String accept, Map<String, String> headers) {
        return exchange("GET", path, null, accept, headers, null, HttpResponse.BodyHandlers.ofInputStream());
    }

    private JsonNode send(String method, String path, Object body) {
        return readJson(exchange(method, path, body, "application/json", Map.of(), REQUEST_TIMEOUT,
                HttpResponse.BodyHandlers.ofByteArray()).body());
    }

    private <T> HttpResponse<T> exchange(String method, String path, Object body, String accept,
            Map<String, String> headers, Duration timeout, HttpResponse.BodyHandler<T> handler) {
        byte[] payload = body == null ? null : writeJson(body);
        Optional<String> token = authentication.bearerToken();
        HttpResponse<T> response = execute(request(method, path, payload, accept, headers, timeout, token), handler);
        if (response.statusCode() == 401 && authentication.renewAfterRejection()) {
            discard(response);
            response = execute(request(method, path, payload, accept, headers, timeout,
                    authentication.bearerToken()), handler);
        }
        if (response.statusCode() >= 400) {
            throw error(response.statusCode(), response.headers().firstValue("Retry-After"), bodyBytes(response));
        }
        return response;
    }

    private HttpRequest request(String method, String path, byte[] payload, String accept,
            Map<String, String> headers, Duration timeout, Optional<String> token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUrl.resolve(API_PREFIX + path))
                .header("Accept", accept)
                .header("User-Agent", userAgent);
        if (timeout != null) {
            builder.timeout(timeout);
        }
        token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        headers.forEach(builder::header);
        if (payload == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
        }
        return builder.build();
    }

    private <T> HttpResponse<T> execute(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (HttpTimeoutException e) {
            throw new CliException("the NextMCP API at " + baseUrl + " did not answer within "
                    + REQUEST_TIMEOUT.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw unreachable(e);
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException) {
                throw unreachable(e);
            }
            throw new CliException("lost the connection to the NextMCP API at " + baseUrl + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
    }

    private CliException unreachable(IOException e) {
        return new CliException("cannot reach the NextMCP API at " + baseUrl
                + " (is the platform running? start it with: bin/nextmcp-dev)", e);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private ApiException error(int status, Optional<String> retryAfter, byte[] body) {
        Problem problem = Problem.parse(status, body, json);
        String message = problem.message();
        if (status == 429 && retryAfter.isPresent()) {
            message = message + " (try again in " + retryAfter.get() + " s)";
        }
        return new ApiException(status, problem, message);
    }

    private static byte[] bodyBytes(HttpResponse<?> response) {
        Object body = response.body();
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof InputStream stream) {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        }
        return new byte[0];
    }

    private static void discard(HttpResponse<?> response) {
        if (response.body() instanceof InputStream stream) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // The response is abandoned for a retry; a failed close changes nothing for the user.
            }
        }
    }

    private JsonNode readJson(byte[] body) {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new CliException("the NextMCP API at " + baseUrl + " sent a response that is not JSON", e);
        }
    }

    private byte[] writeJson(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
