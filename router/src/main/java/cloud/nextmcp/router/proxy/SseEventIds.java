package cloud.nextmcp.router.proxy;

import cloud.nextmcp.router.routes.Backend;
import cloud.nextmcp.router.routes.Balancer;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Follows the {@code id:} fields of a server-sent event stream as it passes, without holding or
 * changing it (events may be cut anywhere between reads), so that a client resuming with
 * {@code Last-Event-ID} can be sent to the instance that holds the stream.
 */
final class SseEventIds {
    /** Longer ids are not followed: an instance's ids are short, and the copy must stay bounded. */
    private static final int MAX_ID = 256;
    private static final byte[] ID = {'i', 'd', ':'};

    private enum State { LINE_START, PREFIX, VALUE, SKIP }

    private final Balancer balancer;
    private final Backend backend;
    private State state = State.LINE_START;
    private int matched;
    private final byte[] value = new byte[MAX_ID];
    private int length;
    private boolean tooLong;
    private String last;

    SseEventIds(Balancer balancer, Backend backend) {
        this.balancer = balancer;
        this.backend = backend;
    }

    /** Scans one chunk of the stream; each complete id line pins that id to the backend. */
    void scan(ByteBuf content) {
        for (int i = content.readerIndex(), end = content.writerIndex(); i < end; i++) {
            byte b = content.getByte(i);
            if (b == '\n' || b == '\r') {
                if (state == State.VALUE && !tooLong) {
                    int from = length > 0 && value[0] == ' ' ? 1 : 0; // one space after the colon is not part of the value
                    String id = new String(value, from, length - from, StandardCharsets.UTF_8);
                    balancer.pinEvent(last, id, backend);
                    last = id;
                }
                state = State.LINE_START;
                continue;
            }
            switch (state) {
                case LINE_START, PREFIX -> {
                    int at = state == State.LINE_START ? 0 : matched;
                    if (b == ID[at]) {
                        matched = at + 1;
                        state = State.PREFIX;
                        if (matched == ID.length) {
                            state = State.VALUE;
                            length = 0;
                            tooLong = false;
                        }
                    } else {
                        state = State.SKIP;
                    }
                }
                case VALUE -> {
                    if (length < MAX_ID) {
                        value[length++] = b;
                    } else {
                        tooLong = true;
                    }
                }
                case SKIP -> {
                }
            }
        }
    }
}
