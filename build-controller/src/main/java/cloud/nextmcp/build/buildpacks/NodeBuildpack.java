package cloud.nextmcp.build.buildpacks;

import cloud.nextmcp.build.artifacts.FileTrees;
import cloud.nextmcp.build.builds.BuildFailure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code package.json} apps: {@code npm ci} with a lockfile (else {@code npm install}), then
 * {@code npm run build} when the app has a build script. node_modules is cached per lockfile
 * content, so a push that does not change dependencies skips the install. A package without a
 * start script whose {@code bin} is an MCP server is started as a stdio server.
 */
public final class NodeBuildpack implements Buildpack {
    private static final List<String> LOCKFILES = List.of("package-lock.json", "npm-shrinkwrap.json");
    /** A start script that only runs node can be exec'd directly: one process less, and SIGTERM reaches the app. */
    private static final Pattern PLAIN_NODE = Pattern.compile("node( [A-Za-z0-9_./=@:-]+)+");
    private static final String MCP_SDK = "@modelcontextprotocol/sdk";
    private static final Pattern PLAIN_PATH = Pattern.compile("[A-Za-z0-9_./@-]+");
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public String name() {
        return "node";
    }

    @Override
    public String lookingFor() {
        return "package.json (node)";
    }

    @Override
    public boolean detect(Path appDir) {
        return Files.isRegularFile(appDir.resolve("package.json"));
    }

    @Override
    public BuildpackResult build(BuildContext ctx) throws BuildFailure, IOException {
        JsonNode pkg;
        try {
            pkg = json.readTree(ctx.appDir().resolve("package.json").toFile());
        } catch (IOException e) {
            throw new BuildFailure("package.json is not valid JSON: " + e.getMessage(), e);
        }
        Map<String, String> env = Map.of("npm_config_cache", ctx.cacheDir().resolve("npm").toString(),
                "npm_config_update_notifier", "false", "npm_config_fund", "false", "npm_config_audit", "false");
        Path lockfile = LOCKFILES.stream().map(ctx.appDir()::resolve).filter(Files::isRegularFile).findFirst().orElse(null);
        if (lockfile == null) {
            ctx.log().line("-----> Installing dependencies with npm install (no package-lock.json)");
            ctx.commands().run(List.of("npm", "install", "--no-progress"), env);
        } else {
            installFromLockfile(ctx, lockfile, env);
        }
        JsonNode scripts = pkg.path("scripts");
        if (scripts.hasNonNull("build")) {
            ctx.log().line("-----> Running npm run build");
            ctx.commands().run(List.of("npm", "run", "build"), env);
        }
        // npm writes its logs under the cache; instances only have a private /tmp to write to.
        Map<String, String> runEnv = Map.of("NODE_ENV", "production", "npm_config_cache", "/tmp/.npm",
                "npm_config_update_notifier", "false");
        String start = scripts.path("start").asText("").strip();
        if (!start.isEmpty()) {
            return BuildpackResult.start(PLAIN_NODE.matcher(start).matches() ? "exec " + start : "npm start", runEnv);
        }
        String bin = mcpServerBin(pkg, ctx.appDir());
        if (bin != null) {
            return BuildpackResult.stdioStart("exec node " + bin, runEnv);
        }
        if (pkg.hasNonNull("main") && Files.isRegularFile(ctx.appDir().resolve(pkg.get("main").asText()))) {
            return BuildpackResult.start("exec node " + pkg.get("main").asText(), runEnv);
        }
        if (Files.isRegularFile(ctx.appDir().resolve("server.js"))) {
            return BuildpackResult.start("exec node server.js", runEnv);
        }
        return BuildpackResult.noStart("package.json has no \"start\" script (and there is no server.js)", runEnv);
    }

    /**
     * A package whose {@code bin} is an MCP server: it depends on the MCP SDK and has a command. Such
     * commands speak stdio (that is how MCP clients start them), so the bin of the package's own
     * name, else its only bin, is run behind the stdio bridge.
     */
    private static String mcpServerBin(JsonNode pkg, Path appDir) {
        if (!pkg.path("dependencies").has(MCP_SDK)) {
            return null;
        }
        JsonNode bin = pkg.path("bin");
        String path = null;
        if (bin.isTextual()) {
            path = bin.asText();
        } else if (bin.isObject()) {
            String own = pkg.path("name").asText("").replaceFirst("^@[^/]+/", "");
            path = bin.has(own) ? bin.get(own).asText() : bin.size() == 1 ? bin.elements().next().asText() : null;
        }
        return path != null && PLAIN_PATH.matcher(path).matches() && Files.isRegularFile(appDir.resolve(path)) ? path : null;
    }

    private void installFromLockfile(BuildContext ctx, Path lockfile, Map<String, String> env) throws BuildFailure, IOException {
        Path modulesCache = ctx.cacheDir().resolve("node_modules");
        Path cached = modulesCache.resolve(sha256(lockfile));
        Path target = ctx.appDir().resolve("node_modules");
        if (Files.isDirectory(cached) && !Files.exists(target)) {
            ctx.log().line("-----> Restoring node_modules from the cache (" + lockfile.getFileName() + " unchanged)");
            FileTrees.link(cached, target);
            return;
        }
        ctx.log().line("-----> Installing dependencies with npm ci");
        ctx.commands().run(List.of("npm", "ci", "--no-progress"), env);
        if (Files.isDirectory(target)) {
            // Keep only the newest lockfile's modules: older ones are never used again.
            FileTrees.delete(modulesCache);
            Path staged = ctx.cacheDir().resolve(".node_modules-" + UUID.randomUUID());
            FileTrees.link(target, staged);
            Files.createDirectories(modulesCache);
            Files.move(staged, cached, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(Files.readAllBytes(file));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
