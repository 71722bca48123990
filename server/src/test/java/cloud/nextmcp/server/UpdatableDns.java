package cloud.nextmcp.server;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * A small authoritative DNS server for the test (UDP, dnsjava): it accepts RFC 2136 updates of TXT
 * records signed with one TSIG key (unsigned or wrongly signed updates are refused with NOTAUTH)
 * and answers TXT queries for the names it holds; every other query goes to the mock DNS
 * upstream. No Debian package offers dynamic updates without a full name server set-up.
 */
final class UpdatableDns implements AutoCloseable {
    private final DatagramSocket socket;
    private final TSIG key;
    private final SimpleResolver upstream;
    private final Map<Name, Set<String>> txt = new ConcurrentHashMap<>();
    private final List<String> updates = new CopyOnWriteArrayList<>();
    private final Thread thread;

    UpdatableDns(String keyName, String base64Secret, String upstreamHostPort) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.key = new TSIG(TSIG.HMAC_SHA256, Name.fromString(keyName + "."), base64Secret);
        String[] hp = upstreamHostPort.split(":");
        this.upstream = new SimpleResolver(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])));
        this.thread = new Thread(this::serve, "updatable-dns");
        thread.setDaemon(true);
        thread.start();
    }

    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** Each accepted update as "add NAME VALUE" or "delete NAME VALUE". */
    List<String> updates() {
        return List.copyOf(updates);
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                byte[] bytes = Arrays.copyOf(packet.getData(), packet.getLength());
                byte[] answer = answer(bytes);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                // A malformed packet or an upstream timeout: the client retries or fails on its own.
            }
        }
    }

    private byte[] answer(byte[] bytes) throws IOException {
        Message query = new Message(bytes);
        if (query.getHeader().getOpcode() == Opcode.UPDATE) {
            return update(query, bytes);
        }
        Record question = query.getQuestion();
        Set<String> values = question == null || question.getType() != Type.TXT ? null : txt.get(question.getName());
        if (values != null && !values.isEmpty()) {
            Message response = reply(query);
            response.getHeader().setFlag(Flags.AA);
            for (String v : values) {
                response.addRecord(new TXTRecord(question.getName(), DClass.IN, 0, v), Section.ANSWER);
            }
            return response.toWire(4096);
        }
        Message forwarded = upstream.send(query);
        forwarded.getHeader().setID(query.getHeader().getID());
        return forwarded.toWire(4096);
    }

    private byte[] update(Message query, byte[] bytes) {
        TSIGRecord signature = query.getTSIG();
        Message response = reply(query);
        if (signature == null || key.verify(query, bytes, null) != Rcode.NOERROR) {
            response.getHeader().setRcode(Rcode.NOTAUTH);
            return response.toWire(512);
        }
        List<String> applied = new ArrayList<>();
        for (Record r : query.getSection(Section.UPDATE)) {
            if (r.getType() != Type.TXT) {
                continue;
            }
            String value = String.join("", ((TXTRecord) r).getStrings());
            if (r.getDClass() == DClass.IN) {
                txt.computeIfAbsent(r.getName(), n -> ConcurrentHashMap.newKeySet()).add(value);
                applied.add("add " + r.getName() + " " + value);
            } else if (r.getDClass() == DClass.NONE) {
                txt.getOrDefault(r.getName(), Set.of()).remove(value);
                applied.add("delete " + r.getName() + " " + value);
            }
        }
        updates.addAll(applied);
        response.setTSIG(key, Rcode.NOERROR, signature);
        return response.toWire(512);
    }

    private static Message reply(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setOpcode(query.getHeader().getOpcode());
        if (query.getQuestion() != null) {
            response.addRecord(query.getQuestion(), Section.QUESTION);
        }
        return response;
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5000);
    }
}
