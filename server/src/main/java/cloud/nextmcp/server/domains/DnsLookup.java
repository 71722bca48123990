package cloud.nextmcp.server.domains;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * DNS questions the verifier asks, through dnsjava against the configured resolvers (or the
 * system's). Each query goes to the server uncached, so a record just created or just removed is
 * seen as the resolver sees it now.
 */
public class DnsLookup {
    /** A DNS failure other than "no such record" (timeout, SERVFAIL): the check says so instead of blaming the user's records. */
    public static final class DnsFailure extends Exception {
        private static final long serialVersionUID = 1L;

        DnsFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Resolver resolver;

    public DnsLookup(List<String> resolvers, Duration timeout) {
        if (resolvers.isEmpty()) {
            this.resolver = new ExtendedResolver();
        } else {
            List<Resolver> each = new ArrayList<>();
            for (String r : resolvers) {
                each.add(new SimpleResolver(address(r)));
            }
            this.resolver = new ExtendedResolver(each);
        }
        resolver.setTimeout(timeout);
    }

    /** The strings of the TXT records at name (each record's strings joined, as RFC 7208 reads them). */
    public List<String> txt(String name) throws DnsFailure {
        List<String> out = new ArrayList<>();
        for (Record r : answers(name, Type.TXT)) {
            if (r instanceof TXTRecord txt) {
                out.add(String.join("", txt.getStrings()));
            }
        }
        return out;
    }

    /** The name's own CNAME target (lower case, no trailing dot), or null. */
    public String cname(String name) throws DnsFailure {
        Name owner = name(name);
        for (Record r : answers(name, Type.CNAME)) {
            if (r instanceof CNAMERecord c && r.getName().equals(owner)) {
                return strip(c.getTarget().toString());
            }
        }
        return null;
    }

    /** The name's A and AAAA addresses, following CNAMEs as the resolver answers them. */
    public List<String> addresses(String name) throws DnsFailure {
        List<String> out = new ArrayList<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            for (Record r : answers(name, type)) {
                if (r instanceof ARecord a) {
                    out.add(a.getAddress().getHostAddress());
                } else if (r instanceof AAAARecord a) {
                    out.add(a.getAddress().getHostAddress());
                }
            }
        }
        return out;
    }

    private List<Record> answers(String name, int type) throws DnsFailure {
        Message response;
        try {
            response = resolver.send(Message.newQuery(Record.newRecord(name(name), type, DClass.IN)));
        } catch (IOException e) {
            throw new DnsFailure("DNS lookup of " + Type.string(type) + " " + name + " failed: " + e.getMessage(), e);
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN || rcode == Rcode.NOERROR) {
            return response.getSection(Section.ANSWER);
        }
        throw new DnsFailure("DNS lookup of " + Type.string(type) + " " + name + " failed: " + Rcode.string(rcode), null);
    }

    private static Name name(String name) throws DnsFailure {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new DnsFailure("'" + name + "' is not a DNS name: " + e.getMessage(), e);
        }
    }

    static String strip(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private static InetSocketAddress address(String hostPort) {
        String host = hostPort;
        int port = SimpleResolver.DEFAULT_PORT;
        int colon = hostPort.lastIndexOf(':');
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            host = hostPort.substring(1, end);
            if (colon > end) {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            }
        } else if (colon > 0 && hostPort.indexOf(':') == colon) {
            host = hostPort.substring(0, colon);
            port = Integer.parseInt(hostPort.substring(colon + 1));
        }
        return new InetSocketAddress(host, port);
    }
}
