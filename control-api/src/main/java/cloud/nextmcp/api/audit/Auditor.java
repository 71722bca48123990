package cloud.nextmcp.api.audit;

import cloud.nextmcp.core.audit.AuditLog;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Writes one audit row per change a person makes, in the transaction of the change itself, so
 * a change is never stored without its audit row (nor the reverse).
 */
public final class Auditor {
    private final ObjectMapper json;

    public Auditor(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param action e.g. {@code app.create}: the feature, a dot, the verb
     * @param target what was changed, by its user-facing name (an app name, a team name, a key fingerprint)
     * @param detail further facts worth keeping; serialized as a JSON object
     */
    public void record(Handle handle, Actor actor, String action, String target, Map<String, ?> detail) {
        String detailJson;
        try {
            detailJson = json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit detail of " + action + " is not serializable: " + detail, e);
        }
        handle.attach(AuditLog.class).record(actor.userId(), actor.email(), action, target, detailJson, actor.sourceIp());
    }
}
