package cloud.nextmcp.router;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain socket speaking HTTP/1.1 by hand, to send malformed requests and watch bytes arrive. */
final class RawHttp implements AutoCloseable {
    final Socket socket;
    final InputStream in;

    RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
    }

    RawHttp send(String raw) throws IOException {
        socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads one response head (status line and headers). */
    String head() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    static int status(String head) {
        return Integer.parseInt(head.split(" ", 3)[1]);
    }

    static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Long.parseLong(line.substring(15).trim());
            }
        }
        return -1;
    }

    String body(String head) throws IOException {
        long n = contentLength(head);
        return new String(in.readNBytes((int) n), StandardCharsets.UTF_8);
    }

    /** Reads one chunk of a chunked body; null at the last chunk. */
    String chunk() throws IOException {
        String size = line();
        int n = Integer.parseInt(size.trim(), 16);
        if (n == 0) {
            line();
            return null;
        }
        String data = new String(in.readNBytes(n), StandardCharsets.UTF_8);
        line();
        return data;
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                s.append((char) c);
            }
        }
        return s.toString();
    }

    /** True when the peer closed the connection (EOF within the socket timeout). */
    boolean closedByPeer() throws IOException {
        try {
            while (in.read() >= 0) {
                // drain whatever is left of a body
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true; // reset: closed as well
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
