package cloud.nextmcp.api.dashboard;

import cloud.nextmcp.api.dashboard.session.DashboardSession;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.problems.LimitExceededMapper;
import cloud.nextmcp.core.billing.LimitExceeded;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A form post from a page: the action runs through the API resource; on success the browser is sent to
 * {@code done} (post/redirect/get), on refusal the page is shown again with the API's message and status.
 */
public final class PageActions {
    private PageActions() {
    }

    /** Where a form on one of an app's tabs sends the browser after it worked: {@code /apps/<app>/<tab>?notice=…}. */
    public static URI appTab(String app, String tab, String notice) {
        return URI.create("/apps/" + URLEncoder.encode(app, StandardCharsets.UTF_8) + "/" + tab + "?notice=" + notice);
    }

    public static Response run(DashboardSession session, URI done, Supplier<Page> page, Supplier<?> action) {
        try {
            try {
                action.get();
            } catch (LimitExceeded e) {
                throw LimitExceededMapper.planLimit(e.getMessage());
            }
            return Response.seeOther(done).build();
        } catch (ApiException e) {
            try {
                return page.get().withError(e.getMessage()).respond(e.status());
            } catch (ApiException unreadable) {
                return Page.problem(session, unreadable);
            }
        }
    }
}
