package cloud.nextmcp.build.kpack;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.regex.Pattern;

/**
 * Settings of in-cluster builds ({@code builder.kpack}, used when {@code builder.kind: kpack}).
 *
 * @param namespace           namespace of the kpack {@code Image} and {@code Build} objects (default {@code nextmcp-builds})
 * @param kubeconfig          kubeconfig file; left out, the service account in a cluster, else {@code ~/.kube/config}
 * @param tagPrefix           required: images are tagged {@code <tagPrefix><app>}, e.g. {@code registry.example.com/nextmcp/}
 * @param clusterBuilder      the kpack {@code ClusterBuilder} that builds apps (default {@code default})
 * @param serviceAccount      service account whose secrets push to the registry (default {@code default})
 * @param sourceUrlBase       base URL of the git gateway's HTTP server as the cluster reaches it
 *                            (default: the gateway's public HTTP URL)
 * @param sourceUrlTtlSeconds how long a signed source URL stays valid (default 900)
 * @param sourceSigningKey    base64 HMAC key shared with the git role that signs source URLs (default: generated once
 *                            and kept in the data directory; set it when the roles run as separate processes)
 */
public record KpackConfig(
        @JsonProperty("namespace") String namespace,
        @JsonProperty("kubeconfig") String kubeconfig,
        @JsonProperty("tagPrefix") String tagPrefix,
        @JsonProperty("clusterBuilder") String clusterBuilder,
        @JsonProperty("serviceAccount") String serviceAccount,
        @JsonProperty("sourceUrlBase") String sourceUrlBase,
        @JsonProperty("sourceUrlTtlSeconds") Integer sourceUrlTtlSeconds,
        @JsonProperty("sourceSigningKey") String sourceSigningKey) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    public KpackConfig {
        namespace = name(namespace, "nextmcp-builds", "namespace");
        kubeconfig = blank(kubeconfig) ? null : kubeconfig.strip();
        if (blank(tagPrefix)) {
            throw new IllegalArgumentException("builder.kpack.tagPrefix is required when builder.kind is kpack, "
                    + "e.g. registry.example.com/nextmcp/ (images are tagged <tagPrefix><app>)");
        }
        tagPrefix = tagPrefix.strip();
        if (tagPrefix.contains("@") || tagPrefix.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("builder.kpack.tagPrefix must be a registry path such as "
                    + "registry.example.com/nextmcp/, got '" + tagPrefix + "'");
        }
        clusterBuilder = name(clusterBuilder, "default", "clusterBuilder");
        serviceAccount = name(serviceAccount, "default", "serviceAccount");
        sourceUrlBase = blank(sourceUrlBase) ? null : sourceUrlBase.strip().replaceAll("/+$", "");
        if (sourceUrlBase != null && !sourceUrlBase.matches("https?://.+")) {
            throw new IllegalArgumentException("builder.kpack.sourceUrlBase must be an http(s) URL the cluster reaches "
                    + "the git gateway at, got '" + sourceUrlBase + "'");
        }
        sourceUrlTtlSeconds = sourceUrlTtlSeconds == null ? 900 : sourceUrlTtlSeconds;
        if (sourceUrlTtlSeconds < 60 || sourceUrlTtlSeconds > 86_400) {
            throw new IllegalArgumentException("builder.kpack.sourceUrlTtlSeconds must be between 60 and 86400, got "
                    + sourceUrlTtlSeconds);
        }
        sourceSigningKey = blank(sourceSigningKey) ? null : sourceSigningKey.strip();
    }

    /** The image tag kpack pushes an app's builds to. */
    public String tagOf(String appName) {
        return tagPrefix + appName;
    }

    @Override
    public String toString() {
        return "KpackConfig[namespace=" + namespace + ", tagPrefix=" + tagPrefix + ", clusterBuilder=" + clusterBuilder
                + ", serviceAccount=" + serviceAccount + ", sourceUrlBase=" + sourceUrlBase + "]";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String name(String value, String fallback, String field) {
        if (blank(value)) {
            return fallback;
        }
        if (!NAME.matcher(value.strip()).matches()) {
            throw new IllegalArgumentException("builder.kpack." + field + " must be a Kubernetes name (lower-case letters, "
                    + "digits, '-' and '.'), got '" + value + "'");
        }
        return value.strip();
    }
}
