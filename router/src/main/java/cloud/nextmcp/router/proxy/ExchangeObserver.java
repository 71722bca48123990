package cloud.nextmcp.router.proxy;

/** Consumes the event of finished exchanges; called on the connection's event loop, so it must not block. */
interface ExchangeObserver {
    /** A streaming response (SSE, tunnel) started; {@link #completed} follows when it ends. */
    default void streamOpened(ExchangeRecord r) {
    }

    void completed(ExchangeRecord r);
}
