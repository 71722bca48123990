package cloud.nextmcp.server.domains;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Update;

/** Adds and removes TXT records with RFC 2136 dynamic updates signed with TSIG (dnsjava). */
public class DnsUpdater {
    private final SimpleResolver resolver;
    private final Name zone;

    public DnsUpdater(DnsUpdateConfig config, Duration timeout) {
        String server = config.server().trim();
        int colon = server.lastIndexOf(':');
        InetSocketAddress address = colon > 0 && server.indexOf(':') == colon
                ? new InetSocketAddress(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1)))
                : new InetSocketAddress(server, SimpleResolver.DEFAULT_PORT);
        this.resolver = new SimpleResolver(address);
        resolver.setTimeout(timeout);
        try {
            this.zone = Name.fromString(absolute(config.zone()));
            resolver.setTSIGKey(new TSIG(TSIG.algorithmToName(config.algorithm()), Name.fromString(absolute(config.keyName())),
                    config.secret().trim()));
        } catch (TextParseException e) {
            throw new IllegalArgumentException("acme.dnsUpdate: " + e.getMessage(), e);
        }
    }

    public void addTxt(String name, String value) throws IOException {
        Update update = new Update(zone);
        update.add(new TXTRecord(Name.fromString(absolute(name)), DClass.IN, 60, value));
        send(update, "add TXT " + name);
    }

    public void removeTxt(String name, String value) throws IOException {
        Update update = new Update(zone);
        update.delete(new TXTRecord(Name.fromString(absolute(name)), DClass.IN, 0, value));
        send(update, "remove TXT " + name);
    }

    private void send(Update update, String what) throws IOException {
        Message response = resolver.send(update);
        if (response.getRcode() != Rcode.NOERROR) {
            throw new IOException("the DNS server refused to " + what + ": " + Rcode.string(response.getRcode()));
        }
    }

    private static String absolute(String name) {
        return name.endsWith(".") ? name : name + ".";
    }
}
