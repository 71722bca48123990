package cloud.nextmcp.cli.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays the control API on a real socket: answers scripted responses per method and path,
 * and records every request so tests can assert exactly what the CLI sent.
 */
public final class FakeApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Request(String method, String path, String rawPath, String query, Map<String, List<String>> headers,
            String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public String authorization() {
            return header("Authorization");
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public record Response(int status, String contentType, String body, Map<String, String> headers) {

        public static Response json(int status, String body) {
            return new Response(status, "application/json", body, Map.of());
        }

        public static Response problem(int status, String title, String detail) {
            String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                    + (detail == null ? "" : ",\"detail\":\"" + detail + "\"") + "}";
            return new Response(status, "application/problem+json", body, Map.of());
        }

        public static Response text(int status, String contentType, String body) {
            return new Response(status, contentType, body, Map.of());
        }

        public static Response noContent() {
            return new Response(204, null, "", Map.of());
        }

        public Response withHeader(String name, String value) {
            Map<String, String> all = new java.util.LinkedHashMap<>(headers);
            all.put(name, value);
            return new Response(status, contentType, body, all);
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Response>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public FakeApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Answers {@code METHOD /api/v1/path} with the responses in turn; the last one repeats.
     * The path is the raw (still percent-encoded) path, without the query.
     */
    public FakeApi on(String method, String path, Response... responses) {
        routes.put(method + " " + path, new ArrayDeque<>(List.of(responses)));
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public Request onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + requests);
        }
        return requests.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String rawPath = exchange.getRequestURI().getRawPath();
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), rawPath,
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body));
        Deque<Response> queue = routes.get(exchange.getRequestMethod() + " " + rawPath);
        Response response;
        if (queue == null) {
            response = Response.problem(404, "Not Found", "FakeApi has no route for "
                    + exchange.getRequestMethod() + " " + rawPath);
        } else {
            synchronized (queue) {
                response = queue.size() > 1 ? queue.poll() : queue.peek();
            }
        }
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        }
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        if (response.status() == 204) {
            exchange.sendResponseHeaders(204, -1);
        } else {
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
