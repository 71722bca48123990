package cloud.nextmcp.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for "the internet" that tests create themselves: a network namespace reached from
 * the host through a veth pair, holding one address from TEST-NET-2 (198.51.100.0/24) and a
 * small HTTP server that answers {@code outside}. No packet leaves this machine. Needs root.
 */
public final class OutsideNetwork implements AutoCloseable {
    private final String namespace;
    private final String hostLink;
    private final String address;
    private final int port;
    private Process server;

    private OutsideNetwork(String namespace, String hostLink, String address, int port) {
        this.namespace = namespace;
        this.hostLink = hostLink;
        this.address = address;
        this.port = port;
    }

    public static OutsideNetwork create() throws IOException, InterruptedException {
        String id = UUID.randomUUID().toString().substring(0, 6);
        String address = "198.51.100." + ThreadLocalRandom.current().nextInt(10, 250);
        OutsideNetwork net = new OutsideNetwork("nmcp-out-" + id, "nmcpo" + id, address, 18000 + ThreadLocalRandom.current().nextInt(1000));
        try {
            net.setUp();
        } catch (IOException | InterruptedException | RuntimeException e) {
            net.close();
            throw e;
        }
        return net;
    }

    private void setUp() throws IOException, InterruptedException {
        String peer = hostLink + "n";
        run("ip", "netns", "add", namespace);
        run("ip", "link", "add", hostLink, "type", "veth", "peer", "name", peer);
        run("ip", "link", "set", peer, "netns", namespace);
        run("ip", "link", "set", hostLink, "up");
        run("ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up");
        run("ip", "netns", "exec", namespace, "ip", "addr", "add", address + "/32", "dev", peer);
        run("ip", "netns", "exec", namespace, "ip", "link", "set", peer, "up");
        run("ip", "netns", "exec", namespace, "ip", "route", "add", "default", "dev", peer);
        run("ip", "route", "add", address + "/32", "dev", hostLink);
        String script = "import http.server\n"
                + "class H(http.server.BaseHTTPRequestHandler):\n"
                + "    def do_GET(self):\n"
                + "        self.send_response(200); self.send_header('Content-Length', '7'); self.end_headers(); self.wfile.write(b'outside')\n"
                + "    def log_message(self, *a): pass\n"
                + "http.server.HTTPServer(('" + address + "', " + port + "), H).serve_forever()\n";
        server = new ProcessBuilder("ip", "netns", "exec", namespace, "/usr/bin/python3", "-c", script)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 300; i++) {
            if (ready()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException("the outside server did not start at " + url());
    }

    private boolean ready() throws InterruptedException {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(address, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code http://198.51.100.N:PORT/}: answers {@code outside}. */
    public String url() {
        return "http://" + address + ":" + port + "/";
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        if (server != null) {
            server.destroyForcibly();
        }
        quietly("ip", "route", "del", address + "/32");
        quietly("ip", "link", "del", hostLink);
        quietly("ip", "netns", "del", namespace);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.strip());
        }
    }

    private static void quietly(String... command) {
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // Cleaning up after a test: what could not be removed is named by the next create's failure.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether this process may create network namespaces (tests need root for it). */
    public static boolean possible() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0 && new java.io.File("/usr/sbin/ip").canExecute();
    }
}
