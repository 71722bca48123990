package cloud.nextmcp.build.runtime;

import cloud.nextmcp.build.logs.LogWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The runtime's messages about one app: in the platform's log and, as source {@code platform}, in the app's. */
final class AppLog {
    private static final Logger LOG = LoggerFactory.getLogger(AppLog.class);

    private final long appId;
    private final LogWriter logs;

    AppLog(long appId, LogWriter logs) {
        this.appId = appId;
        this.logs = logs;
    }

    void platform(String message) {
        LOG.info("App {}: {}", appId, message);
        logs.append(appId, "platform", message);
    }
}
