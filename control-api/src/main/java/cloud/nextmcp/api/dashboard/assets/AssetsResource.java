package cloud.nextmcp.api.dashboard.assets;

import cloud.nextmcp.api.dashboard.session.DashboardPage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard's scripts and styles, from the jar (nothing from a CDN: pages work offline). Only
 * the files named here are served; see assets/VENDORED.md for the versions and licences.
 */
@Path("/assets/{file}")
@DashboardPage
public final class AssetsResource {
    private static final String DIR = "/cloud/nextmcp/api/dashboard/assets/";
    private static final Map<String, String> TYPES = Map.of(
            "dashboard.css", "text/css; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "htmx.min.js", "text/javascript; charset=utf-8",
            "uPlot.iife.min.js", "text/javascript; charset=utf-8",
            "uPlot.min.css", "text/css; charset=utf-8");

    @GET
    public Response file(@PathParam("file") String file) {
        String type = TYPES.get(file);
        if (type == null) {
            throw new NotFoundException();
        }
        try (InputStream in = AssetsResource.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("dashboard asset " + file + " is missing from the jar");
            }
            return Response.ok(in.readAllBytes(), type).header("Cache-Control", "public, max-age=3600").build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
