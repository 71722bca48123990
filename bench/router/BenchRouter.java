import cloud.nextmcp.core.accounts.Secrets;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.testing.TestPostgres;
import cloud.nextmcp.router.Router;
import cloud.nextmcp.router.RouterConfig;

/**
 * Starts the router on an embedded database until killed, one app per argument:
 * BenchRouter PORT IO_THREADS NAME=HOST:PORT... routes NAME.localhost to that backend. A NAME ending
 * in '!' (e.g. {@code private!=127.0.0.1:8000}) makes that app private and prints {@code TOKEN <app token>}
 * (scope mcp, bound to it) for the Authorization header.
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
            }
        }
        EventBus events = new EventBus(db.jdbi(), db.connectionInfo());
        Router router = new Router(RouterConfig.builder().bindHost("127.0.0.1").port(port).adminPort(0).appsDomain("localhost")
                .ioThreads(threads).accessLog(false).metricsToDatabase(false).build(), db.jdbi(), events);
        router.start();
        System.out.println("READY " + router.port());
        Thread.currentThread().join();
    }
}
