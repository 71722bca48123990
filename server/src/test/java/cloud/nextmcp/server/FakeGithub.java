package cloud.nextmcp.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * GitHub for the tests, on loopback: its REST API at {@code /api} (the calls the platform makes through
 * github-api: commit statuses, deployments and their statuses, issue comments, installation tokens),
 * which refuses requests without the expected {@code Authorization} and records what it was sent, and
 * its git host at {@code /git/<owner>/<repo>.git} (JGit's GitServlet over bare repositories in {@code root}).
 */
final class FakeGithub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REPO = Pattern.compile("/repos/([^/]+)/([^/]+)(/.*)?");

    record Status(String sha, String state, String context, String targetUrl) {
    }

    record Deployment(long id, String sha, String environment) {
    }

    record DeploymentStatus(long deploymentId, String state, String environmentUrl) {
    }

    record Comment(long id, int issue, String body, int edits) {
    }

    private final String token;
    private final Server server;
    private final ServerConnector connector;
    final List<Status> statuses = new ArrayList<>();
    final List<Deployment> deployments = new ArrayList<>();
    final List<DeploymentStatus> deploymentStatuses = new ArrayList<>();
    final Map<Long, Comment> comments = new LinkedHashMap<>();
    final List<String> refusedAuthorizations = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong(1000);
    /** Status requests still to answer with 500 (GitHub having a bad moment). */
    private final AtomicInteger failStatuses = new AtomicInteger();
    private final AtomicInteger failedStatuses = new AtomicInteger();

    FakeGithub(Path root, String token) throws Exception {
        this.token = token;
        GitServlet git = new GitServlet();
        git.setRepositoryResolver((req, name) -> {
            Path dir = root.resolve(name).normalize();
            if (!dir.startsWith(root)) {
                throw new RepositoryNotFoundException(name);
            }
            try {
                return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
            } catch (IOException e) {
                throw new RepositoryNotFoundException(name, e);
            }
        });
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder("git", git), "/git/*");
        context.addServlet(new ServletHolder("api", new Api()), "/api/*");
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/api";
    }

    String gitUrl() {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/git";
    }

    void failNextStatuses(int n) {
        failStatuses.set(n);
    }

    int failedStatuses() {
        return failedStatuses.get();
    }

    synchronized List<Status> statuses() {
        return List.copyOf(statuses);
    }

    synchronized List<Deployment> deployments() {
        return List.copyOf(deployments);
    }

    synchronized List<DeploymentStatus> deploymentStatuses() {
        return List.copyOf(deploymentStatuses);
    }

    synchronized List<Comment> comments() {
        return List.copyOf(comments.values());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private final class Api extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String method = req.getHeader("X-HTTP-Method-Override") != null ? req.getHeader("X-HTTP-Method-Override") : req.getMethod();
            String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
            String auth = req.getHeader("Authorization");
            if (!("token " + token).equals(auth) && !("Bearer " + token).equals(auth)) {
                synchronized (FakeGithub.this) {
                    refusedAuthorizations.add(method + " " + path + " with " + auth);
                }
                send(resp, 401, JSON.createObjectNode().put("message", "Bad credentials"));
                return;
            }
            answer(method, path, req, resp);
        }

        private void answer(String method, String path, HttpServletRequest req, HttpServletResponse resp) throws IOException {
            JsonNode body;
            byte[] raw = req.getInputStream().readAllBytes();
            body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
            Matcher m = REPO.matcher(path);
            if (!m.matches()) {
                send(resp, 404, JSON.createObjectNode().put("message", "Not Found"));
                return;
            }
            String owner = m.group(1);
            String name = m.group(2);
            String rest = m.group(3) == null ? "" : m.group(3);
            String base = apiUrl() + "/repos/" + owner + "/" + name;
            synchronized (FakeGithub.this) {
                if (method.equals("GET") && rest.isEmpty()) {
                    send(resp, 200, repository(owner, name));
                } else if (method.equals("POST") && rest.startsWith("/statuses/")) {
                    if (failStatuses.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        failedStatuses.incrementAndGet();
                        send(resp, 500, JSON.createObjectNode().put("message", "Server Error"));
                        return;
                    }
                    String sha = rest.substring("/statuses/".length());
                    statuses.add(new Status(sha, body.path("state").asText(), body.path("context").asText(),
                            body.path("target_url").asText()));
                    send(resp, 201, JSON.createObjectNode().put("id", ids.incrementAndGet()).put("state", body.path("state").asText())
                            .put("context", body.path("context").asText()).put("url", base + "/statuses/" + sha));
                } else if (method.equals("POST") && rest.equals("/deployments")) {
                    long id = ids.incrementAndGet();
                    deployments.add(new Deployment(id, body.path("ref").asText(), body.path("environment").asText()));
                    send(resp, 201, deployment(base, id, body.path("ref").asText(), body.path("environment").asText()));
                } else if (method.equals("GET") && rest.matches("/deployments/[0-9]+")) {
                    long id = Long.parseLong(rest.substring("/deployments/".length()));
                    Deployment d = deployments.stream().filter(x -> x.id() == id).findFirst().orElse(null);
                    if (d == null) {
                        send(resp, 404, JSON.createObjectNode().put("message", "Not Found"));
                    } else {
                        send(resp, 200, deployment(base, id, d.sha(), d.environment()));
                    }
                } else if (method.equals("POST") && rest.matches("/deployments/[0-9]+/statuses")) {
                    long id = Long.parseLong(rest.split("/")[2]);
                    deploymentStatuses.add(new DeploymentStatus(id, body.path("state").asText(),
                            body.path("environment_url").isTextual() ? body.path("environment_url").asText() : null));
                    send(resp, 201, JSON.createObjectNode().put("id", ids.incrementAndGet()).put("state", body.path("state").asText()));
                } else if (method.equals("GET") && rest.matches("/issues/[0-9]+")) {
                    int number = Integer.parseInt(rest.substring("/issues/".length()));
                    send(resp, 200, JSON.createObjectNode().put("id", number).put("number", number).put("state", "open")
                            .put("url", base + "/issues/" + number).put("title", "PR " + number));
                } else if (method.equals("GET") && rest.matches("/issues/[0-9]+/comments")) {
                    int number = Integer.parseInt(rest.split("/")[2]);
                    ArrayNode list = JSON.createArrayNode();
                    comments.values().stream().filter(c -> c.issue() == number).forEach(c -> list.add(comment(base, c)));
                    send(resp, 200, list);
                } else if (method.equals("POST") && rest.matches("/issues/[0-9]+/comments")) {
                    Comment c = new Comment(ids.incrementAndGet(), Integer.parseInt(rest.split("/")[2]), body.path("body").asText(), 0);
                    comments.put(c.id(), c);
                    send(resp, 201, comment(base, c));
                } else if (method.equals("PATCH") && rest.matches("/issues/comments/[0-9]+")) {
                    long id = Long.parseLong(rest.substring("/issues/comments/".length()));
                    Comment old = comments.get(id);
                    if (old == null) {
                        send(resp, 404, JSON.createObjectNode().put("message", "Not Found"));
                        return;
                    }
                    Comment edited = new Comment(id, old.issue(), body.path("body").asText(), old.edits() + 1);
                    comments.put(id, edited);
                    send(resp, 200, comment(base, edited));
                } else {
                    send(resp, 404, JSON.createObjectNode().put("message", "Not Found: " + method + " " + path));
                }
            }
        }

        private ObjectNode repository(String owner, String name) {
            ObjectNode repo = JSON.createObjectNode().put("id", 4242).put("name", name).put("full_name", owner + "/" + name)
                    .put("url", apiUrl() + "/repos/" + owner + "/" + name).put("default_branch", "main").put("private", false);
            repo.putObject("owner").put("login", owner).put("id", 1).put("type", "Organization");
            return repo;
        }

        private ObjectNode deployment(String base, long id, String sha, String environment) {
            return JSON.createObjectNode().put("id", id).put("sha", sha).put("ref", sha).put("environment", environment)
                    .put("url", base + "/deployments/" + id).put("statuses_url", base + "/deployments/" + id + "/statuses");
        }

        private ObjectNode comment(String base, Comment c) {
            return JSON.createObjectNode().put("id", c.id()).put("body", c.body())
                    .put("url", base + "/issues/comments/" + c.id()).put("issue_url", base + "/issues/" + c.issue());
        }

        private void send(HttpServletResponse resp, int status, JsonNode body) throws IOException {
            resp.setStatus(status);
            resp.setContentType("application/json");
            resp.getOutputStream().write(JSON.writeValueAsBytes(body));
        }
    }
}
