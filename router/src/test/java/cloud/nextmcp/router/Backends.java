package cloud.nextmcp.router;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Real HTTP backends on ephemeral ports, each answering with its own name. */
final class Backends implements AutoCloseable {
    final List<HttpServer> servers = new ArrayList<>();
    /** Released by a test to let a held stream finish. */
    volatile CountDownLatch release = new CountDownLatch(1);

    HttpServer start(String name) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.setExecutor(Executors.newCachedThreadPool());
        s.createContext("/", ex -> handle(name, ex));
        s.start();
        servers.add(s);
        return s;
    }

    private void handle(String name, HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        ex.getRequestBody().readAllBytes();
        if (path.equals("/sse")) {
            // Five events, 300 ms apart; each written and flushed on its own.
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 5; i++) {
                    out.write(("id: " + i + "\ndata: t=" + System.nanoTime() + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    sleep(300);
                }
            }
            return;
        }
        if (path.equals("/hold")) {
            // A stream that stays open, silent, until the test releases it.
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write("data: open\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                try {
                    release.await(10, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.write("data: bye\n\n".getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        if (path.equals("/mcp") && ex.getRequestHeaders().getFirst("Mcp-Session-Id") == null) {
            ex.getResponseHeaders().set("Mcp-Session-Id", name + "-" + UUID.randomUUID());
        }
        StringBuilder echo = new StringBuilder(name);
        echo.append('\n').append("path=").append(ex.getRequestURI()).append('\n');
        ex.getRequestHeaders().forEach((k, v) -> echo.append(k.toLowerCase()).append('=').append(String.join(",", v)).append('\n'));
        byte[] body = echo.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        servers.forEach(s -> s.stop(0));
    }
}
