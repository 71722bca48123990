package cloud.nextmcp.build.kpack;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a kpack object's {@code status} (kpack publishes no Java model). */
final class KpackStatus {
    private KpackStatus() {
    }

    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> status(GenericKubernetesResource resource) {
        if (resource == null) {
            return Optional.empty();
        }
        Object status = resource.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> m ? Optional.of((Map<String, Object>) m) : Optional.empty();
    }

    static Optional<String> field(GenericKubernetesResource resource, String name) {
        return status(resource).map(s -> s.get(name)).filter(v -> v instanceof String s && !s.isBlank()).map(String.class::cast);
    }

    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> condition(GenericKubernetesResource resource, String type) {
        return status(resource).map(s -> s.get("conditions")).filter(List.class::isInstance).map(l -> (List<Object>) l)
                .flatMap(l -> l.stream().filter(Map.class::isInstance).map(c -> (Map<String, Object>) c)
                        .filter(c -> type.equals(c.get("type"))).findFirst());
    }
}
