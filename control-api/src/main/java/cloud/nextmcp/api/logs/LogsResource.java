package cloud.nextmcp.api.logs;

import cloud.nextmcp.api.apps.AppScope;
import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.problems.QueryNumbers;
import cloud.nextmcp.core.builds.LogLine;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * An app's logs (build output, instance output, platform events); any member of the team reads
 * them. Plain text by default; {@code follow=true} keeps the answer open as server-sent events.
 */
@Path("/api/v1/apps/{app}/logs")
public final class LogsResource {
    public static final String EVENT_STREAM = "text/event-stream";
    static final int DEFAULT_TAIL = 100;
    static final int MAX_TAIL = 10_000;
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final Jdbi jdbi;
    private final LogSignals signals;
    private final Duration poll;
    private final Duration keepalive;
    private final ExecutorService followers;

    /**
     * @param poll      how long a follower waits for a NOTIFY before it looks anyway
     * @param keepalive how long a follower may stay silent before it sends a comment (proxies drop idle streams)
     * @param followers runs one {@link LogStream} per open follow request; interrupting its threads ends them
     */
    public LogsResource(Jdbi jdbi, LogSignals signals, Duration poll, Duration keepalive, ExecutorService followers) {
        this.jdbi = jdbi;
        this.signals = signals;
        this.poll = poll;
        this.keepalive = keepalive;
        this.followers = followers;
    }

    @GET
    @Produces({MediaType.TEXT_PLAIN, EVENT_STREAM})
    public Response logs(@Auth Caller caller, @PathParam("app") String app, @QueryParam("tail") String tail,
                         @QueryParam("source") String source, @QueryParam("follow") boolean follow,
                         @HeaderParam("Last-Event-ID") String lastEventId) {
        int n = QueryNumbers.bounded(tail, "tail", DEFAULT_TAIL, 0, MAX_TAIL);
        String wanted = source == null || source.isBlank() ? null : source.strip();
        if (wanted != null && !SOURCE.matcher(wanted).matches()) {
            throw ApiException.invalid("'source' must be a log source like web, web.1, build or router");
        }
        Long resumeAfter = follow ? lastEventId(lastEventId) : null;
        long appId = jdbi.withHandle(h -> AppScope.of(h, caller, app).appId());
        if (!follow) {
            List<LogLine> lines = jdbi.withHandle(h -> h.attach(AppLogs.class).tail(appId, wanted, n));
            StringBuilder text = new StringBuilder();
            lines.forEach(l -> text.append(LogLineFormat.format(l)).append('\n'));
            return Response.ok(text.toString(), MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build();
        }
        List<LogLine> history;
        long after;
        if (resumeAfter != null) {
            history = List.of();
            after = resumeAfter;
        } else {
            // The newest id is read first: a line written between the two reads is then followed, not lost.
            long[] newest = new long[1];
            history = jdbi.withHandle(h -> {
                newest[0] = h.attach(AppLogs.class).lastId(appId);
                return h.attach(AppLogs.class).tail(appId, wanted, n);
            });
            after = history.isEmpty() ? newest[0] : Math.max(newest[0], history.get(history.size() - 1).id());
        }
        LogStream stream = new LogStream(jdbi, signals, appId, wanted, history, after, poll, keepalive);
        try {
            followers.execute(stream);
        } catch (RejectedExecutionException e) {
            throw new ApiException(503, "unavailable", "the server is stopping; follow the logs again in a moment");
        }
        return Response.ok(stream.output(), EVENT_STREAM)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                // Tells a buffering reverse proxy (nginx) to pass events through as they come.
                .header("X-Accel-Buffering", "no")
                .build();
    }

    private static Long lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(header.strip());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Last-Event-ID must be the id of a log event, a number; got '" + header + "'");
        }
    }
}
