package cloud.nextmcp.cli.logs;

import cloud.nextmcp.cli.CliException;
import cloud.nextmcp.cli.http.ApiClient;
import cloud.nextmcp.cli.http.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Follows an app's log stream (server-sent events) and prints each line as it comes. When
 * the stream drops it reconnects with {@code Last-Event-ID}, so no line is lost or printed
 * twice; a 204 answer (the SSE way of saying "stop") ends it.
 */
final class LogFollower {

    private static final long DEFAULT_RETRY_MILLIS = 1000;
    private static final int MAX_FAILED_RECONNECTS = 5;

    private final ApiClient api;
    private final PrintWriter out;
    private final PrintWriter err;

    private String lastEventId;
    private long retryMillis = DEFAULT_RETRY_MILLIS;

    LogFollower(ApiClient api, PrintWriter out, PrintWriter err) {
        this.api = api;
        this.out = out;
        this.err = err;
    }

    void follow(String path) {
        boolean connectedBefore = false;
        int failedReconnects = 0;
        while (true) {
            HttpResponse<InputStream> response;
            try {
                response = api.openStream(path, "text/event-stream",
                        lastEventId == null ? Map.of() : Map.of("Last-Event-ID", lastEventId));
            } catch (ApiException e) {
                throw e;
            } catch (CliException e) {
                if (!connectedBefore || ++failedReconnects > MAX_FAILED_RECONNECTS) {
                    throw e;
                }
                pause();
                continue;
            }
            if (response.statusCode() == 204) {
                return;
            }
            connectedBefore = true;
            failedReconnects = 0;
            try (InputStream body = response.body()) {
                ServerSentEvents.read(body, this::print, millis -> retryMillis = millis);
            } catch (IOException dropped) {
                err.println("(log stream interrupted: reconnecting)");
            }
            pause();
        }
    }

    private void print(ServerSentEvents.Event event) {
        out.println(event.data());
        if (event.id() != null) {
            lastEventId = event.id();
        }
    }

    private void pause() {
        if (retryMillis == 0) {
            return;
        }
        try {
            Thread.sleep(retryMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
    }
}
