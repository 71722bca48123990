package cloud.nextmcp.git.ssh;

import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * A session channel that refuses everything a git client does not need: environment variables,
 * agent forwarding, X11 and subsystems (SFTP). Port forwarding is refused by the server's filter.
 */
final class GitChannelSession extends ChannelSession {

    static final ChannelFactory FACTORY = new ChannelFactory() {
        @Override
        public String getName() {
            return "session";
        }

        @Override
        public Channel createChannel(Session session) {
            return new GitChannelSession();
        }
    };

    @Override
    protected RequestHandler.Result handleEnvParsed(String name, String value) {
        return RequestHandler.Result.ReplyFailure;
    }

    @Override
    protected RequestHandler.Result handleAgentForwardingParsed(String requestType) {
        return RequestHandler.Result.ReplyFailure;
    }

    @Override
    protected RequestHandler.Result handleSubsystemParsed(String request, String subsystem) {
        return RequestHandler.Result.ReplyFailure;
    }
}
