package cloud.nextmcp.core.github;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Labels of previews under the apps domain: {@code pr-<n>} for pull requests and a slug of the
 * branch for branches. A preview's host label is {@code <label>--<app>}, at most 63 characters (a
 * DNS label), so a long branch slug is cut and ends with a short hash of the full branch name,
 * which keeps two long branches with the same start apart.
 */
public final class PreviewLabels {
    public static final int MAX_HOST_LABEL = 63;
    private static final int HASH_CHARS = 6;

    private PreviewLabels() {
    }

    public static String pullRequest(int number) {
        return "pr-" + number;
    }

    /** The preview app's name (its host label). */
    public static String hostLabel(String label, String app) {
        return label + "--" + app;
    }

    /** Lower-case, a-z 0-9 and single '-', no '-' at either end, short enough for {@code <slug>--<app>}. */
    public static String branch(String branch, String app) {
        String slug = branch.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        // "pr-<n>" belongs to pull requests; a branch of that name gets the hash so the two never share a host.
        boolean clashes = slug.matches("pr-[0-9]+");
        int room = MAX_HOST_LABEL - 2 - app.length();
        if (!slug.isEmpty() && slug.length() <= room && !clashes) {
            return slug;
        }
        String hash = hash(branch);
        int keep = Math.max(0, room - HASH_CHARS - 1);
        String head = slug.substring(0, Math.min(keep, slug.length())).replaceAll("-+$", "");
        return head.isEmpty() ? "b-" + hash : head + "-" + hash;
    }

    private static String hash(String branch) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(branch.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
