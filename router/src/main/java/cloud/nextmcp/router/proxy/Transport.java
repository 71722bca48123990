package cloud.nextmcp.router.proxy;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;

/**
 * The socket transport: io_uring on Linux when the kernel allows it (it measured 1.12× nginx's
 * throughput where epoll measured 0.92×, docs/performance.md), else native epoll, else NIO.
 * Containers often forbid io_uring (Docker's and Kubernetes' default seccomp profiles), which
 * {@code auto} detects and falls back from.
 */
public record Transport(String name, IoHandlerFactory ioHandlerFactory, Class<? extends ServerChannel> serverChannel,
                        Class<? extends Channel> socketChannel) {

    /** choice: router.transport, one of auto, io_uring, epoll, nio. */
    public static Transport of(String choice) {
        return switch (choice) {
            case "auto" -> IoUring.isAvailable() ? ioUring() : Epoll.isAvailable() ? epoll() : nio();
            case "io_uring" -> {
                if (!IoUring.isAvailable()) {
                    throw new IllegalStateException("router.transport is io_uring, but io_uring is not available here ("
                            + IoUring.unavailabilityCause().getMessage() + "); use auto, epoll or nio");
                }
                yield ioUring();
            }
            case "epoll" -> {
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException("router.transport is epoll, but native epoll is not available here ("
                            + Epoll.unavailabilityCause().getMessage() + "); use auto or nio");
                }
                yield epoll();
            }
            case "nio" -> nio();
            default -> throw new IllegalArgumentException("Unknown router.transport '" + choice + "'");
        };
    }

    private static Transport ioUring() {
        return new Transport("io_uring", IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class, IoUringSocketChannel.class);
    }

    private static Transport epoll() {
        return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class, EpollSocketChannel.class);
    }

    private static Transport nio() {
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class);
    }

    public MultiThreadIoEventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, ioHandlerFactory);
    }
}
