package cloud.nextmcp.router.proxy;

/** Writes the access log line of a finished exchange. */
final class AccessLogObserver implements ExchangeObserver {
    private final AccessLog log;

    AccessLogObserver(AccessLog log) {
        this.log = log;
    }

    @Override
    public void completed(ExchangeRecord r) {
        if (!log.enabled()) {
            return;
        }
        long header = r.headerNanos();
        String outcome = r.outcome() == Outcome.REFUSED ? r.refusal().label : r.outcome().label;
        log.log(new AccessLog.Entry(r.startMillis(), r.client(), r.host(), r.method(), r.uri(), r.status(),
                r.route() == null ? null : r.route().appName(), r.backend() == null ? null : r.backend().instanceId(),
                header < 0 ? -1 : header / 1000, r.totalNanos() / 1000, r.bytesIn(), r.bytesOut(),
                r.mcpMethod(), r.mcpName(), r.subject(), outcome));
    }
}
