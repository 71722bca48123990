package cloud.nextmcp.api.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A follower of a {@code text/event-stream} over a plain socket, so a test decides exactly when
 * the connection goes away. Reads the events' {@code id:} and {@code data:} fields; chunk-size
 * lines of the chunked encoding and comments are skipped.
 */
public final class EventStreamClient implements AutoCloseable {
    /** One event: the log line's id and its formatted text. */
    public record Event(String id, String data) {
    }

    private final Socket socket;
    private final BufferedReader in;
    private final String statusLine;

    public EventStreamClient(int port, String path, String token, Map<String, String> headers) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Accept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n");
        headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        OutputStream out = socket.getOutputStream();
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        statusLine = in.readLine();
        String header;
        StringBuilder headerText = new StringBuilder();
        while ((header = in.readLine()) != null && !header.isEmpty()) {
            headerText.append(header).append('\n');
        }
        this.headers = headerText.toString();
    }

    private final String headers;

    public String statusLine() {
        return statusLine;
    }

    /** The response headers, one per line, as sent. */
    public String headers() {
        return headers;
    }

    /** The next event; fails after 10 s without one. */
    public Event next() throws IOException {
        String id = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("data: ")) {
                return new Event(id, line.substring(6));
            }
        }
        throw new IOException("the event stream ended");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
