import cloud.nextmcp.core.accounts.Secrets;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.testing.TestPostgres;
import cloud.nextmcp.router.Router;
import cloud.nextmcp.router.RouterConfig;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;

/**
 * Starts the router on an embedded database until killed, one app per argument:
 * BenchRouter PORT IO_THREADS NAME=HOST:PORT... routes NAME.localhost to that backend. A NAME ending
 * in '!' (e.g. {@code private!=127.0.0.1:8000}) makes that app private and prints {@code TOKEN <app token>}
 * (scope mcp, bound to it) and {@code JWT <OAuth access token>} (audience http://NAME.localhost/, one hour)
 * for the Authorization header.
 */
public class BenchRouter {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        TestPostgres.TestDatabase db = TestPostgres.newDatabase();
        db.jdbi().useHandle(h -> h.execute("INSERT INTO teams (name) VALUES ('bench')"));
        for (int i = 2; i < args.length; i++) {
            String label = args[i].substring(0, args[i].indexOf('='));
            boolean isPrivate = label.endsWith("!");
            String name = isPrivate ? label.substring(0, label.length() - 1) : label;
            String backend = args[i].substring(args[i].indexOf('=') + 1);
            long id = i;
            db.jdbi().useHandle(h -> {
                h.execute("INSERT INTO apps (id, name, team_id) VALUES (?, ?, (SELECT id FROM teams))", id, name);
                h.execute("INSERT INTO routes (hostname, app_id, release_version) VALUES (?, ?, 1)", name, id);
                h.execute("INSERT INTO instances (id, app_id, release_version, address, state) VALUES (?, ?, 1, ?, 'healthy')",
                        name + "-1", id, backend);
            });
            if (isPrivate) {
                String token = "nmcp_bench" + "x".repeat(35);
                db.jdbi().useHandle(h -> {
                    h.execute("UPDATE apps SET visibility = 'private' WHERE id = ?", id);
                    long user = h.createQuery("INSERT INTO users (email, password_hash) VALUES ('bench@example.com', 'x') RETURNING id")
                            .mapTo(Long.class).one();
                    h.execute("INSERT INTO memberships (team_id, user_id, role) SELECT id, ?, 'owner' FROM teams", user);
                    h.execute("INSERT INTO api_tokens (user_id, name, token_hash, prefix, app_id, scopes) VALUES (?, 'bench', ?, 'nmcp_b', ?, '{mcp}')",
                            user, Secrets.hash(token), id);
                });
                System.out.println("TOKEN " + token);
                System.out.println("JWT " + oauthToken(db, id, name));
            }
        }
        EventBus events = new EventBus(db.jdbi(), db.connectionInfo());
        Router router = new Router(RouterConfig.builder().bindHost("127.0.0.1").port(port).adminPort(0).appsDomain("localhost")
                .ioThreads(threads).accessLog(false).metricsToDatabase(false)
                .transport(System.getenv().getOrDefault("ROUTER_TRANSPORT", "auto")).build(), db.jdbi(), events);
        router.start();
        System.out.println("READY " + router.port());
        Thread.currentThread().join();
    }

    /** A signing key, a client and the bench user's consent, and an access token as the authorization server issues them. */
    private static String oauthToken(TestPostgres.TestDatabase db, long appId, String name) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        long user = db.jdbi().withHandle(h -> {
            h.execute("INSERT INTO oauth_signing_keys (kid, public_key, private_key_sealed, retires_at) VALUES ('bench', ?, ?, now() + interval '1 day')",
                    pair.getPublic().getEncoded(), new byte[] {0});
            h.execute("INSERT INTO oauth_clients (client_id, client_name, redirect_uris) VALUES ('bench', 'bench', '{http://127.0.0.1/cb}')");
            long id = h.createQuery("SELECT id FROM users WHERE email = 'bench@example.com'").mapTo(Long.class).one();
            h.execute("INSERT INTO oauth_consents (user_id, client_id, app_id) VALUES (?, 'bench', ?)", id, appId);
            return id;
        });
        return JWT.create().withKeyId("bench").withSubject(Long.toString(user)).withAudience("http://" + name + ".localhost/")
                .withExpiresAt(Instant.now().plusSeconds(3600)).withClaim("scope", "mcp").withClaim("client_id", "bench")
                .withClaim("email", "bench@example.com").sign(Algorithm.ECDSA256(null, (ECPrivateKey) pair.getPrivate()));
    }
}
