package cloud.nextmcp.router.routes;

import cloud.nextmcp.core.instances.InstanceState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Reads the whole route table (it is small) in one query. */
public final class RouteLoader {
    private static final String QUERY = """
            SELECT r.hostname, r.app_id, a.name AS app_name, r.kind, r.release_version, r.max_body_bytes,
                   i.id AS instance_id, i.address
              FROM routes r
              JOIN apps a ON a.id = r.app_id
              LEFT JOIN instances i
                ON i.app_id = r.app_id
               AND i.release_version = r.release_version
               AND i.state = :healthy
               AND i.process_type = 'web'
             ORDER BY r.hostname, i.id
            """;

    private final Jdbi jdbi;
    private final String appsDomain;
    private final PathFormHosts pathFormHosts;

    public RouteLoader(Jdbi jdbi, String appsDomain, PathFormHosts pathFormHosts) {
        this.jdbi = jdbi;
        this.appsDomain = appsDomain;
        this.pathFormHosts = pathFormHosts;
    }

    /**
     * Loads a fresh table. Backends already known (by instance id and address) are reused so
     * their outstanding-request counts carry over.
     */
    public RouteTable load(RouteTable previous) {
        Map<String, Row> rows = new LinkedHashMap<>();
        Map<String, List<String[]>> instances = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery(QUERY).bind("healthy", InstanceState.HEALTHY.dbValue()).map((rs, ctx) -> {
            String hostname = rs.getString("hostname");
            rows.computeIfAbsent(hostname, k -> {
                try {
                    return new Row(hostname, rs.getLong("app_id"), rs.getString("app_name"), rs.getString("kind"),
                            (Integer) rs.getObject("release_version"), (Long) rs.getObject("max_body_bytes"));
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            String instanceId = rs.getString("instance_id");
            if (instanceId != null) {
                instances.computeIfAbsent(hostname, k -> new ArrayList<>()).add(new String[] {instanceId, rs.getString("address")});
            }
            return hostname;
        }).list());
        List<Route> routes = new ArrayList<>(rows.size());
        for (Row row : rows.values()) {
            List<Backend> backends = new ArrayList<>();
            for (String[] inst : instances.getOrDefault(row.hostname, List.of())) {
                Backend known = previous.backend(inst[0]);
                if (known != null && known.address().equals(new Backend(inst[0], inst[1]).address())) {
                    backends.add(known);
                } else {
                    backends.add(new Backend(inst[0], inst[1]));
                }
            }
            routes.add(new Route(row.hostname, row.appId, row.appName, row.kind, row.releaseVersion, row.maxBodyBytes, backends));
        }
        return new RouteTable(appsDomain, pathFormHosts, routes);
    }

    private record Row(String hostname, long appId, String appName, String kind, Integer releaseVersion, Long maxBodyBytes) {
    }
}
