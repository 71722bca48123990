import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.testing.TestPostgres;
import cloud.nextmcp.router.Router;
import cloud.nextmcp.router.RouterConfig;

/**
 * Starts the router on an embedded database until killed, one app per argument:
 * BenchRouter PORT IO_THREADS NAME=HOST:PORT... routes NAME.localhost to that backend.
 */
public class BenchRouter {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        TestPostgres.TestDatabase db = TestPostgres.newDatabase();
        db.jdbi().useHandle(h -> h.execute("INSERT INTO teams (name) VALUES ('bench')"));
        for (int i = 2; i < args.length; i++) {
            String name = args[i].substring(0, args[i].indexOf('='));
            String backend = args[i].substring(args[i].indexOf('=') + 1);
            long id = i;
            db.jdbi().useHandle(h -> {
                h.execute("INSERT INTO apps (id, name, team_id) VALUES (?, ?, (SELECT id FROM teams))", id, name);
                h.execute("INSERT INTO routes (hostname, app_id, release_version) VALUES (?, ?, 1)", name, id);
                h.execute("INSERT INTO instances (id, app_id, release_version, address, state) VALUES (?, ?, 1, ?, 'healthy')",
                        name + "-1", id, backend);
            });
        }
        EventBus events = new EventBus(db.jdbi(), db.connectionInfo());
        Router router = new Router(RouterConfig.builder().bindHost("127.0.0.1").port(port).adminPort(0).appsDomain("localhost")
                .ioThreads(threads).accessLog(false).metricsToDatabase(false).build(), db.jdbi(), events);
        router.start();
        System.out.println("READY " + router.port());
        Thread.currentThread().join();
    }
}
