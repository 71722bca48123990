package cloud.nextmcp.core.oauth;

/** A client of the authorization server; metadataUrl: its id is the URL of its metadata document. */
public record OAuthClient(String clientId, String clientName, String[] redirectUris, boolean metadataUrl) {
}
