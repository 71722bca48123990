package cloud.nextmcp.core.oauth;

/** A spent authorization code's grant: who, for which client and app, and the PKCE challenge to meet. */
public record AuthorizationCode(String clientId, long userId, long appId, String resource, String redirectUri,
                                String codeChallenge) {
}
