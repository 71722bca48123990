package cloud.nextmcp.api.oauth;

import cloud.nextmcp.core.oauth.OAuthClient;
import cloud.nextmcp.core.oauth.OAuthClientDao;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Finds a client: registered (RFC 7591), or named by the URL of its metadata document, fetched and stored. */
final class Clients {
    private final Jdbi jdbi;
    private final ClientMetadataFetcher fetcher;

    Clients(Jdbi jdbi, ClientMetadataFetcher fetcher) {
        this.jdbi = jdbi;
        this.fetcher = fetcher;
    }

    /** Empty for an unknown registered id; a metadata URL is fetched each time, so the document's current redirect URIs apply. */
    Optional<OAuthClient> find(String clientId) throws ClientMetadataFetcher.Refused {
        if (clientId == null || clientId.isBlank()) {
            return Optional.empty();
        }
        if (!clientId.startsWith("https://") && !clientId.startsWith("http://")) {
            return jdbi.withHandle(h -> h.attach(OAuthClientDao.class).find(clientId));
        }
        JsonNode doc = fetcher.fetch(clientId);
        List<String> uris = new ArrayList<>();
        doc.path("redirect_uris").forEach(u -> uris.add(u.asText()));
        for (String uri : uris) {
            String problem = RedirectUris.problem(uri);
            if (problem != null) {
                throw new ClientMetadataFetcher.Refused(problem);
            }
        }
        if (uris.isEmpty()) {
            throw new ClientMetadataFetcher.Refused("the client's metadata document lists no redirect_uris");
        }
        String name = doc.path("client_name").asText(clientId);
        String[] redirects = uris.toArray(String[]::new);
        jdbi.useHandle(h -> h.attach(OAuthClientDao.class).upsert(clientId, name, redirects, true));
        return Optional.of(new OAuthClient(clientId, name, redirects, true));
    }
}
