package cloud.nextmcp.server.domains;

import cloud.nextmcp.core.builds.LogDao;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import org.jdbi.v3.core.Handle;

/** Lines in an app's log about its domains ({@code nextmcp logs} shows them with source {@code domains}). */
final class AppEvents {
    static final String SOURCE = "domains";

    private AppEvents() {
    }

    static void log(Handle h, long appId, String line) {
        h.attach(LogDao.class).append(appId, null, SOURCE, line);
        EventBus.publish(h, Channels.LOGS, Long.toString(appId));
    }
}
