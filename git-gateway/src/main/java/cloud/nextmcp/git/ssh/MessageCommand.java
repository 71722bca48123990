package cloud.nextmcp.git.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/** Prints one message on stderr and exits with a status: the answer to everything refused. */
final class MessageCommand implements Command {
    private final String message;
    private final int exitStatus;
    private OutputStream err;
    private ExitCallback callback;

    MessageCommand(String message, int exitStatus) {
        this.message = message;
        this.exitStatus = exitStatus;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        try {
            err.write((message + "\n").getBytes(StandardCharsets.UTF_8));
            err.flush();
        } finally {
            callback.onExit(exitStatus, message);
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        // Nothing runs after start().
    }

    @Override
    public void setInputStream(InputStream in) {
        // Input is not read.
    }

    @Override
    public void setOutputStream(OutputStream out) {
        // Only stderr is written.
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.callback = callback;
    }
}
