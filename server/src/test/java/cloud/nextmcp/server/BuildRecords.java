package cloud.nextmcp.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The builds of an app as the control API reports them ({@code GET /api/v1/apps/{app}/builds}). */
final class BuildRecords {
    record Build(long id, String status, String error) {
        boolean finished() {
            return status.equals("succeeded") || status.equals("failed");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PlatformProcess platform;
    private final String apiToken;
    private final HttpClient http = HttpClient.newHttpClient();

    BuildRecords(PlatformProcess platform, String apiToken) {
        this.platform = platform;
        this.apiToken = apiToken;
    }

    /** Newest first. */
    List<Build> of(String app) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create(platform.apiUrl() + "/api/v1/apps/" + app + "/builds"))
                    .header("Authorization", "Bearer " + apiToken).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET builds of " + app + " answered " + r.statusCode() + ": " + r.body());
            }
            List<Build> builds = new ArrayList<>();
            for (JsonNode b : JSON.readTree(r.body())) {
                builds.add(new Build(b.get("id").asLong(), b.get("status").asText(),
                        b.hasNonNull("error") ? b.get("error").asText() : null));
            }
            builds.sort(Comparator.comparingLong(Build::id).reversed());
            return builds;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the builds of " + app + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
