import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.testing.TestPostgres;
import cloud.nextmcp.router.Router;
import cloud.nextmcp.router.RouterConfig;

/** Starts the router on an embedded database with one route, bench.localhost -> the given backend, until killed. */
public class BenchRouter {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String backend = args[1];
        int threads = Integer.parseInt(args[2]);
        TestPostgres.TestDatabase db = TestPostgres.newDatabase();
        db.jdbi().useHandle(h -> {
            h.execute("INSERT INTO teams (name) VALUES ('bench')");
            h.execute("INSERT INTO apps (id, name, team_id) VALUES (1, 'bench', (SELECT id FROM teams))");
            h.execute("INSERT INTO routes (hostname, app_id, release_version) VALUES ('bench', 1, 1)");
            h.execute("INSERT INTO instances (id, app_id, release_version, address, state) VALUES ('b1', 1, 1, ?, 'healthy')", backend);
        });
        EventBus events = new EventBus(db.jdbi(), db.connectionInfo());
        Router router = new Router(RouterConfig.builder().bindHost("127.0.0.1").port(port).adminPort(0).appsDomain("localhost")
                .ioThreads(threads).accessLog(false).metricsToDatabase(false).build(), db.jdbi(), events);
        router.start();
        System.out.println("READY " + router.port());
        Thread.currentThread().join();
    }
}
