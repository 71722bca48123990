package cloud.nextmcp.api.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Fetches a Client ID Metadata Document (the client id is its https URL). The name is resolved
 * once, every address is checked by the {@link AddressGuard}, and the socket connects to the
 * checked address itself: nothing is sent before the check, and a second resolution never
 * happens. HTTP/1.0 with a size and time limit keeps the reader small (no chunked bodies).
 */
final class ClientMetadataFetcher {
    private static final int MAX_BYTES = 64 * 1024;
    private static final int TIMEOUT_MILLIS = 5000;

    /** Resolves a host name; injected so tests can name any address without DNS. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Why a document was refused; the message is shown to the user on the authorization page. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final AddressGuard guard;
    private final Resolver resolver;
    private final boolean requireHttps;
    private final ObjectMapper json;

    ClientMetadataFetcher(AddressGuard guard, Resolver resolver, boolean requireHttps, ObjectMapper json) {
        this.guard = guard;
        this.resolver = resolver;
        this.requireHttps = requireHttps;
        this.json = json;
    }

    JsonNode fetch(String clientId) throws Refused {
        URI url = URI.create(clientId);
        boolean https = "https".equals(url.getScheme());
        if (!https && (requireHttps || !"http".equals(url.getScheme())) || url.getHost() == null || url.getRawFragment() != null) {
            throw new Refused("a client id URL must be an https URL without a fragment");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(url.getHost());
        } catch (UnknownHostException e) {
            throw new Refused("the client's host " + url.getHost() + " does not resolve");
        }
        for (InetAddress a : addresses) {
            if (!guard.allowed(a)) {
                throw new Refused("the client's host " + url.getHost() + " resolves to " + a.getHostAddress()
                        + ", a private, loopback or link-local address");
            }
        }
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        byte[] body;
        try (Socket socket = connect(addresses[0], url.getHost(), port, https)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: " + url.getRawAuthority() + "\r\nAccept: application/json\r\n"
                    + "User-Agent: nextmcp-oauth\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            body = readOk(socket.getInputStream());
        } catch (IOException e) {
            throw new Refused("the client's metadata document could not be fetched: " + e.getMessage());
        }
        try {
            JsonNode doc = json.readTree(body);
            if (!clientId.equals(doc.path("client_id").asText())) {
                throw new Refused("the client's metadata document names another client_id");
            }
            return doc;
        } catch (IOException e) {
            throw new Refused("the client's metadata document is not JSON");
        }
    }

    private static Socket connect(InetAddress address, String host, int port, boolean https) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(address, port), TIMEOUT_MILLIS);
        plain.setSoTimeout(TIMEOUT_MILLIS);
        if (!https) {
            return plain;
        }
        SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, host, port, true);
        SSLParameters params = tls.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        params.setServerNames(java.util.List.of(new SNIHostName(host)));
        tls.setSSLParameters(params);
        tls.startHandshake();
        return tls;
    }

    private static byte[] readOk(InputStream in) throws IOException {
        byte[] all = in.readNBytes(MAX_BYTES + 8192);
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0 || !text.startsWith("HTTP/1.") || text.length() < 12 || !text.substring(9, 12).equals("200")) {
            throw new IOException("the answer was not 200 OK");
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if (body.length > MAX_BYTES) {
            throw new IOException("the document is larger than " + MAX_BYTES + " bytes");
        }
        return body;
    }
}
