package cloud.nextmcp.cli.keys;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.CliException;
import cloud.nextmcp.cli.JsonOption;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "add", description = "Add an SSH public key (default ~/.ssh/id_ed25519.pub, then ~/.ssh/id_rsa.pub).")
public class KeysAddCommand extends ApiCommand {

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The public key file (.pub).")
    Path file;

    @Mixin
    JsonOption json;

    public KeysAddCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        Path keyFile = file == null ? defaultKeyFile() : context.environment().workingDirectory().resolve(file);
        String publicKey = readPublicKey(keyFile);
        JsonNode key = api().post("/keys", Map.of("publicKey", publicKey));
        if (json.enabled()) {
            printJson(key);
            return;
        }
        String comment = text(key, "comment");
        out().println("Added key " + text(key, "fingerprint") + " (" + text(key, "type")
                + (comment.isEmpty() ? "" : ", " + comment) + ")");
    }

    private Path defaultKeyFile() {
        Path ssh = context.environment().homeDirectory().resolve(".ssh");
        List<Path> candidates = List.of(ssh.resolve("id_ed25519.pub"), ssh.resolve("id_rsa.pub"));
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> new CliException(
                "no public key at " + candidates.get(0) + " or " + candidates.get(1)
                        + ": create one with ssh-keygen -t ed25519, or name the file: nextmcp keys add FILE"));
    }

    private static String readPublicKey(Path keyFile) {
        String content;
        try {
            content = Files.readString(keyFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new CliException("cannot read " + keyFile + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
        // Never send a private key anywhere: the user most likely meant the .pub next to it.
        if (content.contains("PRIVATE KEY")) {
            throw new CliException(keyFile + " is a private key: give the public key instead (" + keyFile + ".pub)");
        }
        if (content.isEmpty()) {
            throw new CliException(keyFile + " is empty");
        }
        return content;
    }
}
