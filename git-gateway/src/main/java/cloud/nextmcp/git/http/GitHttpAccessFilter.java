package cloud.nextmcp.git.http;

import cloud.nextmcp.core.db.DatabaseOutage;
import cloud.nextmcp.git.access.AccessDenied;
import cloud.nextmcp.git.access.AppGrant;
import cloud.nextmcp.git.access.GitAccess;
import cloud.nextmcp.git.access.GitOperation;
import cloud.nextmcp.git.access.GitUser;
import cloud.nextmcp.git.access.RepositoryNotFound;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication and authorization of smart HTTP requests, before JGit sees them. Only the smart
 * protocol's three endpoints pass. Refusals are {@code text/plain}, which git prints to the user
 * as {@code remote:} lines. While the database is unreachable the answer is 503 and says so.
 */
final class GitHttpAccessFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(GitHttpAccessFilter.class);
    static final String GRANT = GitHttpAccessFilter.class.getName() + ".grant";
    private static final Pattern SMART = Pattern.compile("/([^/]+)/(info/refs|git-upload-pack|git-receive-pack)");

    private final TokenAuthenticator authenticator;
    private final GitAccess access;

    GitHttpAccessFilter(TokenAuthenticator authenticator, GitAccess access) {
        this.authenticator = authenticator;
        this.access = access;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse rsp = (HttpServletResponse) response;
        Matcher path = SMART.matcher(req.getPathInfo() == null ? "" : req.getPathInfo());
        Optional<GitOperation> operation = path.matches() ? operation(path.group(2), req.getParameter("service")) : Optional.empty();
        if (operation.isEmpty()) {
            plain(rsp, HttpServletResponse.SC_NOT_FOUND, "only git's smart HTTP protocol is served here");
            return;
        }
        try {
            authorize(req, rsp, chain, path.group(1), operation.get());
        } catch (RuntimeException e) {
            if (!DatabaseOutage.causedBy(e) || rsp.isCommitted()) {
                throw e;
            }
            LOG.warn("Refused git over HTTP for {}: the database is unreachable ({})", path.group(1), e.toString());
            plain(rsp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, DatabaseOutage.MESSAGE);
        }
    }

    private void authorize(HttpServletRequest req, HttpServletResponse rsp, FilterChain chain, String repo,
                           GitOperation operation) throws IOException, ServletException {
        Optional<GitUser> user = authenticator.authenticate(req.getHeader("Authorization"));
        if (user.isEmpty()) {
            rsp.setHeader("WWW-Authenticate", "Basic realm=\"NextMCP git\"");
            plain(rsp, HttpServletResponse.SC_UNAUTHORIZED, req.getHeader("Authorization") == null
                    ? "authentication required: use an API token as the password (nextmcp tokens create)"
                    : "invalid, expired or revoked API token");
            return;
        }
        try {
            req.setAttribute(GRANT, access.authorize(user.get(), repo, operation));
        } catch (RepositoryNotFound e) {
            plain(rsp, HttpServletResponse.SC_NOT_FOUND, e.getMessage());
            return;
        } catch (AccessDenied e) {
            plain(rsp, HttpServletResponse.SC_FORBIDDEN, e.getMessage());
            return;
        }
        chain.doFilter(req, rsp);
    }

    static AppGrant grant(HttpServletRequest req) {
        Object grant = req.getAttribute(GRANT);
        if (grant == null) {
            throw new IllegalStateException("A git request reached JGit without passing the access filter");
        }
        return (AppGrant) grant;
    }

    private static Optional<GitOperation> operation(String endpoint, String service) {
        String svc = endpoint.equals("info/refs") ? service : endpoint;
        if ("git-upload-pack".equals(svc)) {
            return Optional.of(GitOperation.FETCH);
        }
        if ("git-receive-pack".equals(svc)) {
            return Optional.of(GitOperation.PUSH);
        }
        return Optional.empty();
    }

    private static void plain(HttpServletResponse rsp, int status, String message) throws IOException {
        rsp.setStatus(status);
        rsp.setContentType("text/plain; charset=utf-8");
        rsp.getOutputStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
