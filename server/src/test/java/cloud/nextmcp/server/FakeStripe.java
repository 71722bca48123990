package cloud.nextmcp.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small stand-in for Stripe's API on loopback: it checks the secret key, that every POST has an
 * idempotency key (answering a repeated key with the first answer, as Stripe does) and the form
 * fields stripe-java sends, and answers the documented shapes of customer, checkout.session,
 * billing_portal.session, subscription and billing.meter_event. It also signs webhook events
 * the way Stripe does.
 */
final class FakeStripe implements AutoCloseable {
    static final String SECRET_KEY = "sk_test_fake_51Nextmcp";
    static final String WEBHOOK_SECRET = "whsec_fake_nextmcp_it";

    /** One request as Stripe received it. */
    record Call(String method, String path, String idempotencyKey, Map<String, String> form) {
    }

    private record Subscription(String customer, String status, String price) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<String, String> answersByKey = new ConcurrentHashMap<>();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    FakeStripe() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What {@code GET /v1/subscriptions/<id>} answers from now on: Stripe's current state. */
    void subscription(String id, String customer, String status, String price) {
        subscriptions.put(id, new Subscription(customer, status, price));
    }

    List<Call> calls(String method, String path) {
        return calls.stream().filter(c -> c.method().equals(method) && c.path().equals(path)).toList();
    }

    /** Requests that broke a rule (wrong key, no idempotency key, missing fields). */
    List<String> violations() {
        return List.copyOf(violations);
    }

    /** A {@code Stripe-Signature} header for {@code body} signed now with the endpoint secret. */
    static String signature(String body, String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] v1 = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(v1);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An event as Stripe sends it to a webhook endpoint. */
    static String event(String id, String type, String object) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"api_version\":\"2026-01-28.clover\",\"created\":"
                + Instant.now().getEpochSecond() + ",\"livemode\":false,\"type\":\"" + type + "\",\"data\":{\"object\":"
                + object + "}}";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!("Bearer " + SECRET_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                violations.add(method + " " + path + " without the secret key");
                respond(exchange, 401, error("invalid_request_error", "Invalid API Key provided"));
                return;
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            Map<String, String> form = form(body);
            calls.add(new Call(method, path, key, form));
            if (method.equals("POST")) {
                if (key == null || key.isBlank()) {
                    violations.add("POST " + path + " without an Idempotency-Key");
                    respond(exchange, 400, error("idempotency_error", "no key"));
                    return;
                }
                String earlier = answersByKey.get(key);
                if (earlier != null) {
                    respond(exchange, 200, earlier);
                    return;
                }
            }
            String answer = answer(method, path, form);
            if (answer == null) {
                respond(exchange, 404, error("invalid_request_error", "Unrecognized request URL (" + method + ": " + path + ")"));
                return;
            }
            if (method.equals("POST")) {
                answersByKey.put(key, answer);
            }
            respond(exchange, 200, answer);
        }
    }

    private String answer(String method, String path, Map<String, String> f) {
        long now = Instant.now().getEpochSecond();
        int n = ids.incrementAndGet();
        if (method.equals("POST") && path.equals("/v1/customers")) {
            require(f, path, "metadata[team_id]", "name");
            return "{\"id\":\"cus_" + n + "\",\"object\":\"customer\",\"created\":" + now + ",\"livemode\":false,"
                    + "\"name\":\"" + f.get("name") + "\",\"metadata\":{\"team_id\":\"" + f.get("metadata[team_id]") + "\"}}";
        }
        if (method.equals("POST") && path.equals("/v1/checkout/sessions")) {
            require(f, path, "mode", "customer", "line_items[0][price]", "line_items[0][quantity]", "success_url",
                    "cancel_url", "client_reference_id");
            if (!"subscription".equals(f.get("mode"))) {
                violations.add("checkout session in mode " + f.get("mode"));
            }
            return "{\"id\":\"cs_test_" + n + "\",\"object\":\"checkout.session\",\"mode\":\"subscription\","
                    + "\"status\":\"open\",\"customer\":\"" + f.get("customer") + "\",\"client_reference_id\":\""
                    + f.get("client_reference_id") + "\",\"livemode\":false,\"created\":" + now
                    + ",\"url\":\"https://checkout.stripe.test/c/pay/cs_test_" + n + "\"}";
        }
        if (method.equals("POST") && path.equals("/v1/billing_portal/sessions")) {
            require(f, path, "customer", "return_url");
            return "{\"id\":\"bps_" + n + "\",\"object\":\"billing_portal.session\",\"customer\":\"" + f.get("customer")
                    + "\",\"livemode\":false,\"created\":" + now + ",\"return_url\":\"" + f.get("return_url")
                    + "\",\"url\":\"https://billing.stripe.test/p/session/bps_" + n + "\"}";
        }
        if (method.equals("POST") && path.equals("/v1/billing/meter_events")) {
            require(f, path, "event_name", "identifier", "payload[stripe_customer_id]", "payload[value]", "timestamp");
            return "{\"object\":\"billing.meter_event\",\"event_name\":\"" + f.get("event_name") + "\",\"identifier\":\""
                    + f.get("identifier") + "\",\"livemode\":false,\"created\":" + now + ",\"timestamp\":"
                    + f.get("timestamp") + ",\"payload\":{\"stripe_customer_id\":\"" + f.get("payload[stripe_customer_id]")
                    + "\",\"value\":\"" + f.get("payload[value]") + "\"}}";
        }
        if (method.equals("GET") && path.startsWith("/v1/subscriptions/")) {
            String id = path.substring("/v1/subscriptions/".length());
            Subscription s = subscriptions.get(id);
            if (s == null) {
                return null;
            }
            long end = now + 30 * 86_400;
            return "{\"id\":\"" + id + "\",\"object\":\"subscription\",\"customer\":\"" + s.customer() + "\",\"status\":\""
                    + s.status() + "\",\"livemode\":false,\"created\":" + now + ",\"items\":{\"object\":\"list\","
                    + "\"has_more\":false,\"url\":\"/v1/subscription_items?subscription=" + id + "\",\"data\":[{\"id\":\"si_"
                    + id + "\",\"object\":\"subscription_item\",\"quantity\":1,\"current_period_start\":" + now
                    + ",\"current_period_end\":" + end + ",\"price\":{\"id\":\"" + s.price() + "\",\"object\":\"price\","
                    + "\"active\":true,\"currency\":\"usd\",\"type\":\"recurring\"}}]},\"metadata\":{}}";
        }
        return null;
    }

    private void require(Map<String, String> form, String path, String... fields) {
        for (String field : fields) {
            if (form.get(field) == null || form.get(field).isBlank()) {
                violations.add("POST " + path + " without " + field + " (sent " + form.keySet() + ")");
            }
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(k, v);
        }
        return form;
    }

    private static String error(String type, String message) {
        return "{\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_fake");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** For messages: all calls, one a line. */
    String log() {
        List<String> lines = new ArrayList<>();
        calls.forEach(c -> lines.add(c.method() + " " + c.path() + " key=" + c.idempotencyKey() + " " + c.form()));
        return String.join("\n", lines);
    }
}
