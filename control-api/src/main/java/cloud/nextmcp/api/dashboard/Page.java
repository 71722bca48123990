package cloud.nextmcp.api.dashboard;

import cloud.nextmcp.api.dashboard.session.DashboardSession;
import cloud.nextmcp.api.problems.ApiException;
import io.dropwizard.views.common.View;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One rendered page: a FreeMarker template (HTML output format, so every {@code ${…}} is escaped)
 * with the session's user and CSRF token, a message (error or notice) and the page's own model.
 */
public final class Page extends View {
    private static final String TEMPLATES = "/cloud/nextmcp/api/dashboard/templates/";

    private final String title;
    private final DashboardSession session;
    private final Map<String, Object> model = new LinkedHashMap<>();
    private String error;
    private String notice;

    public Page(String template, String title, DashboardSession session) {
        super(TEMPLATES + template, StandardCharsets.UTF_8);
        this.title = title;
        this.session = session;
    }

    public Page with(String key, Object value) {
        model.put(key, value);
        return this;
    }

    public Page withError(String message) {
        this.error = message;
        return this;
    }

    public Page withNotice(String message) {
        this.notice = message;
        return this;
    }

    public String getTitle() {
        return title;
    }

    /** The signed-in user's e-mail, or null on the login and signup pages. */
    public String getUser() {
        return session == null ? null : session.caller().email();
    }

    public String getCsrf() {
        return session == null ? null : session.csrf();
    }

    public Map<String, Object> getModel() {
        return model;
    }

    public String getError() {
        return error;
    }

    public String getNotice() {
        return notice;
    }

    /** The page as an HTML answer with this status. */
    public Response respond(int status) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(this).build();
    }

    public Response ok() {
        return respond(200);
    }

    /** The page {@code build} makes, with the notice a redirect named, or the API's refusal of it as a page. */
    public static Response show(DashboardSession session, String notice, Supplier<Page> build) {
        try {
            return build.get().withNotice(Notices.text(notice)).ok();
        } catch (ApiException e) {
            return problem(session, e);
        }
    }

    /** A refusal of the API's services (not found, too weak a role, invalid input) as a page saying so. */
    public static Response problem(DashboardSession session, ApiException e) {
        return new Page("problem.ftlh", "Cannot show this", session).withError(e.getMessage()).respond(e.status());
    }
}
