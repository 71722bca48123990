package cloud.nextmcp.build.buildpacks;

import cloud.nextmcp.build.builds.BuildFailure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A start command may use {@code npx <package>} only when the repository's lockfile holds that
 * package: npx then runs the installed copy, and every start runs the code the build installed
 * instead of whatever the registry serves that day.
 */
final class NpxPackages {
    private static final Set<String> FLAGS_WITHOUT_VALUE = Set.of("-y", "--yes", "-q", "--quiet", "--no-install",
            "--prefer-offline", "--offline");
    private static final List<String> LOCKFILES = List.of("package-lock.json", "npm-shrinkwrap.json");

    private NpxPackages() {
    }

    static void requireLocked(String command, Path appDir) throws BuildFailure, IOException {
        List<String> packages = packages(command);
        if (packages.isEmpty()) {
            return;
        }
        JsonNode lock = lockfile(appDir);
        for (String spec : packages) {
            String name = nameOf(spec);
            if (lock == null || (lock.path("packages").path("node_modules/" + name).isMissingNode()
                    && lock.path("dependencies").path(name).isMissingNode())) {
                throw new BuildFailure("the start command runs 'npx " + spec + "', but "
                        + (lock == null ? "the repository has no package-lock.json" : "package-lock.json does not list " + name)
                        + ": npx would download it at every start. Run 'npm install " + name
                        + "' and commit package.json and package-lock.json, so every build runs the same code");
            }
        }
    }

    /** The packages an {@code npx} command runs: its {@code --package} values, else its first argument. */
    static List<String> packages(String command) {
        String[] words = command.strip().split("\\s+");
        int i = 0;
        while (i < words.length && (words[i].equals("exec") || words[i].contains("="))) {
            i++;
        }
        if (i >= words.length || !words[i].equals("npx")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (i++; i < words.length; i++) {
            String w = words[i];
            if (w.startsWith("--package=")) {
                out.add(w.substring("--package=".length()));
            } else if ((w.equals("-p") || w.equals("--package")) && i + 1 < words.length) {
                out.add(words[++i]);
            } else if (!FLAGS_WITHOUT_VALUE.contains(w)) {
                if (out.isEmpty() && !w.startsWith("-")) {
                    out.add(w);
                }
                break;
            }
        }
        return out;
    }

    /** {@code @scope/name@1.2} → {@code @scope/name}. */
    static String nameOf(String spec) {
        int at = spec.indexOf('@', spec.startsWith("@") ? 1 : 0);
        return at < 0 ? spec : spec.substring(0, at);
    }

    private static JsonNode lockfile(Path appDir) throws BuildFailure {
        for (String name : LOCKFILES) {
            Path file = appDir.resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    return new ObjectMapper().readTree(file.toFile());
                } catch (IOException e) {
                    throw new BuildFailure(name + " is not valid JSON: " + e.getMessage(), e);
                }
            }
        }
        return null;
    }
}
