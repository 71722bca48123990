package cloud.nextmcp.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * GitHub for the tests, on loopback, as seen by a GitHub App: its REST API at {@code /api} (the calls the
 * platform makes through github-api: commit statuses, deployments and their statuses, issue comments) and
 * its git host at {@code /git/<owner>/<repo>.git} (JGit's GitServlet over bare repositories in {@code root}).
 * Like GitHub, it hands out installation tokens only for a JWT signed with the app's key (RS256, {@code iss}
 * the app id, expiring within 10 minutes), and the API and git host accept only those tokens: the API as
 * {@code Authorization: token …}, the git host as HTTP Basic with any user name and the token as password,
 * answering 401 with a {@code WWW-Authenticate: Basic} challenge otherwise. It records what it was sent and
 * every refusal.
 */
final class FakeGithub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long INSTALLATION = 77;
    private static final Pattern REPO = Pattern.compile("/repos/([^/]+)/([^/]+)(/.*)?");

    record Status(String sha, String state, String context, String targetUrl) {
    }

    record Deployment(long id, String sha, String environment) {
    }

    record DeploymentStatus(long deploymentId, String state, String environmentUrl) {
    }

    record Comment(long id, int issue, String body, int edits) {
    }

    private final String appId;
    private final PublicKey appKey;
    private final Server server;
    private final ServerConnector connector;
    final List<Status> statuses = new ArrayList<>();
    final List<Deployment> deployments = new ArrayList<>();
    final List<DeploymentStatus> deploymentStatuses = new ArrayList<>();
    final Map<Long, Comment> comments = new LinkedHashMap<>();
    final List<String> refusedAuthorizations = new ArrayList<>();
    /** Clone requests that presented credentials the git host does not accept. */
    private final List<String> refusedClones = new ArrayList<>();
    /** Clone requests that came with an accepted installation token, as {@code <user name> <path>}. */
    private final List<String> authenticatedClones = new ArrayList<>();
    private final Set<String> installationTokens = new HashSet<>();
    private int challenges;
    private final AtomicLong ids = new AtomicLong(1000);
    /** Status requests still to answer with 500 (GitHub having a bad moment). */
    private final AtomicInteger failStatuses = new AtomicInteger();
    private final AtomicInteger failedStatuses = new AtomicInteger();

    FakeGithub(Path root, String appId, PublicKey appKey) throws Exception {
        this.appId = appId;
        this.appKey = appKey;
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
        context.addFilter(new FilterHolder(new GitAuth()), "/git/*", EnumSet.of(DispatcherType.REQUEST));
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

    synchronized List<String> installationTokens() {
        return List.copyOf(installationTokens);
    }

    synchronized List<String> refusedClones() {
        return List.copyOf(refusedClones);
    }

    synchronized List<String> authenticatedClones() {
        return List.copyOf(authenticatedClones);
    }

    /** Clone requests without credentials, answered with the Basic challenge (git clients ask first without). */
    synchronized int challenges() {
        return challenges;
    }

    synchronized List<Comment> comments() {
        return List.copyOf(comments.values());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private synchronized boolean issued(String token) {
        return token != null && installationTokens.contains(token);
    }

    /** GitHub's check of an App JWT: RS256 signed with the app's key, issued by the app, expiring within 10 minutes. */
    private String jwtProblem(String auth) {
        if (auth == null || !auth.startsWith("Bearer ")) {
            return "no JWT";
        }
        String[] parts = auth.substring("Bearer ".length()).split("\\.", -1);
        if (parts.length != 3) {
            return "not a JWT";
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            if (!"RS256".equals(JSON.readTree(b64.decode(parts[0])).path("alg").asText())) {
                return "alg is not RS256";
            }
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(appKey);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(b64.decode(parts[2]))) {
                return "signature does not verify with the app's public key";
            }
            JsonNode claims = JSON.readTree(b64.decode(parts[1]));
            long now = Instant.now().getEpochSecond();
            long exp = claims.path("exp").asLong(0);
            if (!appId.equals(claims.path("iss").asText())) {
                return "iss is " + claims.path("iss") + ", not " + appId;
            }
            if (exp <= now || exp > now + 600) {
                return "exp is " + (exp - now) + " s from now (GitHub wants the future, at most 10 minutes)";
            }
            return null;
        } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
            return "unreadable JWT: " + e.getMessage();
        }
    }

    private final class GitAuth extends HttpFilter {
        @Override
        protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
                throws IOException, ServletException {
            String what = req.getMethod() + " " + req.getRequestURI() + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
            String auth = req.getHeader("Authorization");
            String user = null;
            String password = null;
            if (auth != null && auth.startsWith("Basic ")) {
                try {
                    String pair = new String(Base64.getDecoder().decode(auth.substring("Basic ".length())), StandardCharsets.UTF_8);
                    int colon = pair.indexOf(':');
                    user = colon < 0 ? pair : pair.substring(0, colon);
                    password = colon < 0 ? null : pair.substring(colon + 1);
                } catch (IllegalArgumentException e) {
                    password = null;
                }
            }
            synchronized (FakeGithub.this) {
                if (issued(password)) {
                    authenticatedClones.add(user + " " + what);
                } else if (auth == null) {
                    challenges++;
                } else {
                    refusedClones.add(what + " with " + (user == null ? auth.split(" ")[0] : "user " + user + " and a wrong password"));
                }
            }
            if (issued(password)) {
                chain.doFilter(req, resp);
                return;
            }
            resp.setHeader("WWW-Authenticate", "Basic realm=\"GitHub\"");
            resp.sendError(401);
        }
    }

    private final class Api extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String method = req.getHeader("X-HTTP-Method-Override") != null ? req.getHeader("X-HTTP-Method-Override") : req.getMethod();
            String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
            String auth = req.getHeader("Authorization");
            if (path.equals("/app") || path.startsWith("/app/") || path.matches("/repos/[^/]+/[^/]+/installation")) {
                String problem = jwtProblem(auth);
                if (problem != null) {
                    synchronized (FakeGithub.this) {
                        refusedAuthorizations.add(method + " " + path + ": " + problem);
                    }
                    send(resp, 401, JSON.createObjectNode().put("message", "A JSON web token could not be decoded"));
                    return;
                }
                answerApp(method, path, resp);
                return;
            }
            String token = auth == null ? null : auth.replaceFirst("^(token|Bearer) ", "");
            if (auth == null || token.equals(auth) || !issued(token)) {
                synchronized (FakeGithub.this) {
                    refusedAuthorizations.add(method + " " + path + " with " + (auth == null ? "no Authorization" : "a token it did not issue"));
                }
                send(resp, 401, JSON.createObjectNode().put("message", "Bad credentials"));
                return;
            }
            answer(method, path, req, resp);
        }

        /** The App's own endpoints: who it is, its installation on a repository, and a fresh installation token. */
        private void answerApp(String method, String path, HttpServletResponse resp) throws IOException {
            if (method.equals("GET") && path.equals("/app")) {
                send(resp, 200, JSON.createObjectNode().put("id", Long.parseLong(appId)).put("slug", "nextmcp").put("name", "NextMCP"));
            } else if (method.equals("GET") && path.endsWith("/installation")) {
                ObjectNode installation = JSON.createObjectNode().put("id", INSTALLATION)
                        .put("access_tokens_url", apiUrl() + "/app/installations/" + INSTALLATION + "/access_tokens");
                installation.putObject("account").put("login", path.split("/")[2]);
                send(resp, 200, installation);
            } else if (method.equals("POST") && path.equals("/app/installations/" + INSTALLATION + "/access_tokens")) {
                String token = "ghs_" + UUID.randomUUID().toString().replace("-", "");
                synchronized (FakeGithub.this) {
                    installationTokens.add(token);
                }
                send(resp, 201, JSON.createObjectNode().put("token", token).put("expires_at", Instant.now().plusSeconds(3600).toString()));
            } else {
                send(resp, 404, JSON.createObjectNode().put("message", "Not Found: " + method + " " + path));
            }
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
