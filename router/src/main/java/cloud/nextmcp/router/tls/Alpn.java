package cloud.nextmcp.router.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContextBuilder;

/** Every server certificate offers HTTP/2 and HTTP/1.1 by ALPN; a client that names neither gets HTTP/1.1. */
public final class Alpn {
    private static final ApplicationProtocolConfig H2_AND_HTTP11 = new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1);

    private Alpn() {
    }

    public static SslContextBuilder offerH2(SslContextBuilder builder) {
        return builder.applicationProtocolConfig(H2_AND_HTTP11);
    }
}
