package cloud.nextmcp.build.images;

/**
 * Where built apps are also pushed as OCI images (optional; single-node runs need none).
 *
 * @param registry   registry host and port, e.g. {@code registry.internal:5000}; images are {@code <registry>/<repositoryPrefix><app>:build-<id>}
 * @param repositoryPrefix prefix of repository names, e.g. {@code nextmcp/} (default none)
 * @param baseImage  image the artifact layer goes on; default {@code scratch}, for registries that hold no runtime images
 * @param insecure   allow plain HTTP (a registry on loopback or a private network)
 * @param username   registry user, or null for anonymous pushes
 * @param password   registry password
 */
public record ImageConfig(String registry, String repositoryPrefix, String baseImage, boolean insecure, String username,
                          String password) {
    public ImageConfig {
        repositoryPrefix = repositoryPrefix == null ? "" : repositoryPrefix;
        baseImage = baseImage == null || baseImage.isBlank() ? "scratch" : baseImage;
    }

    @Override
    public String toString() {
        return "ImageConfig[registry=" + registry + ", repositoryPrefix=" + repositoryPrefix + ", baseImage=" + baseImage
                + ", insecure=" + insecure + ", username=" + username + "]";
    }
}
