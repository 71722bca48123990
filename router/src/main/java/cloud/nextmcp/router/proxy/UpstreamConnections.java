package cloud.nextmcp.router.proxy;

import cloud.nextmcp.router.routes.Backend;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

/**
 * Where an exchange gets its connection to an instance. Each connection's pipeline ends in an
 * {@link UpstreamHandler} named {@link UpstreamPool#HANDLER} after an HTTP client codec named
 * {@code codec}. {@link UpstreamPool} is the real one; tests give {@code EmbeddedChannel}s.
 */
interface UpstreamConnections {
    /** An idle open connection to the backend, or null (the caller then connects). */
    Channel pooled(Backend backend);

    ChannelFuture connect(Backend backend);

    /** Takes back a connection whose last exchange ended cleanly with keep-alive. */
    void release(Backend backend, Channel ch);
}
