package cloud.nextmcp.api.oauth;

import cloud.nextmcp.api.audit.Actors;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.api.auth.AuthService;
import cloud.nextmcp.api.auth.ClientAddress;
import cloud.nextmcp.core.accounts.Secrets;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.secrets.SecretBox;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * The platform as OAuth 2.1 authorization server for private apps: metadata, registration,
 * the authorization page, the token endpoint, the JWKS and the consents API. The issuer is the
 * API's public URL.
 */
public final class OAuthServer {
    /** Access tokens for apps live one hour. */
    public static final Duration ACCESS_TOKEN_TTL = Duration.ofHours(1);
    /** A new signing key every 30 days; the old one stays published until its tokens expired. */
    public static final Duration KEY_ROTATION = Duration.ofDays(30);
    private static final Duration REFRESH_TTL = Duration.ofDays(30);

    private final Jdbi jdbi;
    private final PublicEndpoints endpoints;
    private final SecretBox secretBox;
    private final boolean clientMetadataPrivateAddresses;
    private final Clock clock;

    /** clientMetadataPrivateAddresses: let client metadata URLs resolve to private ranges (closed networks only). */
    public OAuthServer(Jdbi jdbi, PublicEndpoints endpoints, SecretBox secretBox, boolean clientMetadataPrivateAddresses, Clock clock) {
        this.jdbi = jdbi;
        this.endpoints = endpoints;
        this.secretBox = secretBox;
        this.clientMetadataPrivateAddresses = clientMetadataPrivateAddresses;
        this.clock = clock;
    }

    /** Registers the OAuth endpoints; the consents resource is returned for the dashboard's account page. */
    public ConsentsResource register(JerseyEnvironment jersey, AuthService auth, Auditor auditor, Actors actors, ClientAddress clientAddress,
                         Secrets secrets, SecureRandom random, ObjectMapper json) {
        String issuer = stripSlash(endpoints.apiUrl());
        SigningKeys keys = new SigningKeys(jdbi, secretBox, KEY_ROTATION, ACCESS_TOKEN_TTL, clock);
        ClientMetadataFetcher fetcher = new ClientMetadataFetcher(new AddressGuard(clientMetadataPrivateAddresses),
                InetAddress::getAllByName, true, json);
        jersey.register(new MetadataResource(issuer, keys));
        jersey.register(new RegistrationResource(jdbi, random, clock));
        jersey.register(new AuthorizeResource(jdbi, new Clients(jdbi, fetcher), new ResourceUrls(endpoints), auth, auditor,
                clientAddress, issuer, random, clock));
        jersey.register(new TokenResource(jdbi, new AppAccessTokens(issuer, keys, ACCESS_TOKEN_TTL, clock), secrets, auditor,
                clientAddress, REFRESH_TTL, clock));
        ConsentsResource consents = new ConsentsResource(jdbi, auditor, actors);
        jersey.register(consents);
        return consents;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
