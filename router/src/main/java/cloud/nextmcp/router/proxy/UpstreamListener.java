package cloud.nextmcp.router.proxy;

import io.netty.handler.codec.http.HttpObject;

/** Receives what an upstream connection produces while it serves one exchange. */
interface UpstreamListener {
    void upstreamMessage(HttpObject msg);

    void upstreamReadComplete();

    void upstreamWritabilityChanged(boolean writable);

    void upstreamClosed(Throwable cause);
}
