package cloud.nextmcp.cli.keys;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.CliException;
import cloud.nextmcp.cli.http.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "remove", description = "Remove an SSH key by id or fingerprint.")
public class KeysRemoveCommand extends ApiCommand {

    @Parameters(paramLabel = "ID|FINGERPRINT", description = "As shown by nextmcp keys list (SHA256:…).")
    String key;

    public KeysRemoveCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        ApiClient api = api();
        api.delete("/keys/" + idOf(api));
        out().println("Removed key " + key);
    }

    /**
     * Fingerprints are base64 and may hold '/' and '+', which do not survive every HTTP stack
     * inside a path, so a fingerprint is looked up in the key list and removed by its id.
     */
    private String idOf(ApiClient api) {
        if (key.matches("\\d+")) {
            return key;
        }
        String wanted = key.startsWith("SHA256:") ? key : "SHA256:" + key;
        for (JsonNode candidate : api.get("/keys")) {
            if (wanted.equals(text(candidate, "fingerprint"))) {
                return text(candidate, "id");
            }
        }
        throw new CliException("you have no key with fingerprint " + wanted + ": see nextmcp keys list");
    }
}
