package cloud.nextmcp.api.keys;

import cloud.nextmcp.api.audit.Actors;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.db.UniqueViolation;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.problems.Require;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.keys.SshKey;
import cloud.nextmcp.core.keys.SshKeyDao;
import cloud.nextmcp.core.keys.SshPublicKey;
import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The caller's SSH public keys (git over SSH). A key belongs to one account only, platform-wide. */
@Path("/api/v1/keys")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class KeysResource {
    private static final String FINGERPRINT_CONSTRAINT = "ssh_keys_fingerprint_key";
    private static final int MAX_KEY_LINE = 16_384;
    private static final String FINGERPRINT_PREFIX = "SHA256:";

    private final Jdbi jdbi;
    private final Auditor auditor;
    private final Actors actors;

    public KeysResource(Jdbi jdbi, Auditor auditor, Actors actors) {
        this.jdbi = jdbi;
        this.auditor = auditor;
        this.actors = actors;
    }

    public record AddKey(String publicKey) {
    }

    @GET
    public List<SshKeyView> list(@Auth Caller caller) {
        return jdbi.withHandle(h -> h.attach(SshKeyDao.class).ofUser(caller.userId())).stream().map(SshKeyView::of).toList();
    }

    @POST
    public Response add(@Auth Caller caller, AddKey body, @Context HttpServletRequest request) {
        Require.body(body, "{\"publicKey\":\"ssh-ed25519 AAAA… you@laptop\"}");
        String line = Require.maxLength(Require.text(body.publicKey(), "publicKey"), "publicKey", MAX_KEY_LINE);
        SshPublicKey key;
        try {
            key = SshPublicKey.parse(line);
        } catch (SshPublicKey.InvalidKeyException e) {
            throw ApiException.invalid(e.getMessage());
        }
        SshKey added = jdbi.inTransaction(h -> {
            SshKeyDao keys = h.attach(SshKeyDao.class);
            SshKey inserted = UniqueViolation.insertOrEmpty(h, FINGERPRINT_CONSTRAINT,
                    () -> keys.insert(caller.userId(), key.type(), key.bits(), key.base64(), key.fingerprint(), key.comment()))
                    .orElseThrow(() -> alreadyRegistered(keys, caller, key.fingerprint()));
            auditor.record(h, actors.of(caller, request), "key.add", key.fingerprint(),
                    Map.of("type", key.type(), "bits", key.bits()));
            return inserted;
        });
        return Response.status(Response.Status.CREATED).entity(SshKeyView.of(added)).build();
    }

    /**
     * {@code key} is the id or the fingerprint as listed, sent as is: base64 fingerprints contain
     * '/', so the path parameter spans segments. The {@code SHA256:} prefix may be left out.
     */
    @DELETE
    @Path("/{key: .+}")
    public Response remove(@Auth Caller caller, @PathParam("key") String key, @Context HttpServletRequest request) {
        String idOrFingerprint = key.chars().allMatch(Character::isDigit) || key.startsWith(FINGERPRINT_PREFIX)
                ? key : FINGERPRINT_PREFIX + key;
        jdbi.useTransaction(h -> {
            String fingerprint = h.attach(SshKeyDao.class).delete(caller.userId(), idOrFingerprint).orElseThrow(
                    () -> ApiException.notFound("you have no SSH key '" + idOrFingerprint + "'; see GET /api/v1/keys"));
            // The git gateway closes the SSH sessions this key opened (a ControlMaster outlives its key otherwise).
            EventBus.publish(h, Channels.KEYS, fingerprint);
            auditor.record(h, actors.of(caller, request), "key.remove", idOrFingerprint, Map.of());
        });
        return Response.noContent().build();
    }

    private static ApiException alreadyRegistered(SshKeyDao keys, Caller caller, String fingerprint) {
        boolean mine = keys.findByFingerprint(fingerprint).map(k -> k.userId() == caller.userId()).orElse(false);
        return ApiException.conflict(mine ? "key already added" : "this key is registered to another account");
    }
}
