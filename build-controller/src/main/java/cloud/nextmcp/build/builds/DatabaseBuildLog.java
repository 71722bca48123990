package cloud.nextmcp.build.builds;

import cloud.nextmcp.core.builds.LogDao;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import org.jdbi.v3.core.Jdbi;

/** Stores each build output line (source {@code build}) and signals {@code logs}, so the push streams it at once. */
final class DatabaseBuildLog implements BuildLog {
    private static final int MAX_LINE = 8_000;
    private final Jdbi jdbi;
    private final long appId;
    private final long buildId;

    DatabaseBuildLog(Jdbi jdbi, long appId, long buildId) {
        this.jdbi = jdbi;
        this.appId = appId;
        this.buildId = buildId;
    }

    @Override
    public void line(String text) {
        String clean = text.replace("\u0000", "");
        String line = clean.length() > MAX_LINE ? clean.substring(0, MAX_LINE) + "…" : clean;
        jdbi.useHandle(h -> {
            h.attach(LogDao.class).append(appId, buildId, "build", line);
            EventBus.publish(h, Channels.LOGS, Long.toString(appId));
        });
    }
}
