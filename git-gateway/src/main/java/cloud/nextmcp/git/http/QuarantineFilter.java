package cloud.nextmcp.git.http;

import cloud.nextmcp.git.receive.Quarantine;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.eclipse.jgit.lib.Repository;

/**
 * Closes the quarantine of an HTTP push when its request ends, however it ends: JGit's servlet
 * has no hook after receive-pack, so the quarantine opened for it is kept on the request.
 */
final class QuarantineFilter implements Filter {
    private static final String ATTRIBUTE = QuarantineFilter.class.getName() + ".quarantine";

    /** Opens the quarantine of this request's push. */
    static Quarantine open(HttpServletRequest req, Repository repository) throws IOException {
        Quarantine quarantine = Quarantine.open(repository);
        req.setAttribute(ATTRIBUTE, quarantine);
        return quarantine;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.getAttribute(ATTRIBUTE) instanceof Quarantine quarantine) {
                quarantine.close();
            }
        }
    }
}
