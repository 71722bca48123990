package cloud.nextmcp.build.sandbox;

/**
 * The host identity a sandboxed process runs as. {@link #switches()} is false when the platform
 * is not root and so cannot change identity: processes then keep the platform's uid (inside
 * their own user namespace, without capabilities).
 */
public record SandboxUser(long uid, long gid, boolean switches) {
}
