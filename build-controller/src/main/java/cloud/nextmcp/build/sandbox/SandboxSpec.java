package cloud.nextmcp.build.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a sandboxed process may see and do.
 *
 * @param command  argv of the process (no shell unless the command itself is {@code sh -c …})
 * @param workDir  working directory (must be one of the binds)
 * @param readOnly host paths visible read-only at the same path inside
 * @param writable host paths visible read-write at the same path inside; the sandbox makes them the user's
 * @param hidden   host paths replaced by an empty tmpfs inside (e.g. the platform data directory)
 * @param env      the complete environment of the command (nothing is inherited); it is given to the command
 *                 alone, never to the launcher processes around it, so variables such as {@code LD_PRELOAD}
 *                 affect only the app
 * @param network  what the process may reach on the network
 * @param user     the host identity it runs as
 */
public record SandboxSpec(List<String> command, Path workDir, List<Path> readOnly, List<Path> writable,
                          List<Path> hidden, Map<String, String> env, SandboxNetwork network, SandboxUser user) {
    public SandboxSpec {
        command = List.copyOf(command);
        readOnly = List.copyOf(readOnly);
        writable = List.copyOf(writable);
        hidden = List.copyOf(hidden);
        env = Map.copyOf(env);
    }
}
