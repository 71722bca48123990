package cloud.nextmcp.cli.autoscale;

import com.fasterxml.jackson.databind.JsonNode;

/** One line about an app's autoscaling, as {@code ps}, {@code apps info} and {@code autoscale} print it. */
public final class AutoscaleText {
    private AutoscaleText() {
    }

    public static String describe(JsonNode view) {
        if (view == null || !view.path("enabled").asBoolean(false)) {
            return "off (a fixed count: nextmcp scale web=N)";
        }
        int min = view.path("min").asInt();
        StringBuilder b = new StringBuilder("web " + min + "–" + view.path("max").asInt() + ", target "
                + view.path("concurrency").asInt() + " in flight per instance");
        if (min == 0) {
            b.append(", asleep after ").append(IdlePeriod.format(view.path("idleSeconds").asInt())).append(" idle");
        }
        if (!view.path("state").isNull() && !view.path("state").isMissingNode()) {
            b.append("; now ").append(view.path("state").asText());
            if (!view.path("replicas").isNull()) {
                int n = view.path("replicas").asInt();
                b.append(" (").append(n).append(n == 1 ? " instance)" : " instances)");
            }
            if (view.hasNonNull("reason")) {
                b.append(": ").append(view.path("reason").asText());
            }
        }
        return b.toString();
    }
}
