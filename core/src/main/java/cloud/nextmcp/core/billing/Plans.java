package cloud.nextmcp.core.billing;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plans of this platform: the built-in four (hobby, pro, team, enterprise) with the
 * configuration's changes over them, plus any plan the configuration adds.
 */
public final class Plans {
    private static final Map<String, Plan> DEFAULTS = defaults();

    private final Map<String, Plan> plans;

    private Plans(Map<String, Plan> plans) {
        this.plans = plans;
    }

    public static Plans of(Map<String, PlanSettings> configured) {
        Map<String, Plan> all = new LinkedHashMap<>(DEFAULTS);
        if (configured != null) {
            configured.forEach((name, settings) -> {
                if (settings != null) {
                    all.put(name, settings.over(name, DEFAULTS.getOrDefault(name, Plan.selfHosted())));
                }
            });
        }
        return new Plans(Map.copyOf(all));
    }

    /** The seed's plans: hobby is free and small, pro and team are paid, enterprise is unlimited. */
    private static Map<String, Plan> defaults() {
        Map<String, Plan> d = new LinkedHashMap<>();
        d.put("hobby", new Plan("hobby", new PlanLimits(2, 1, 512, 1, 0, 100, 1, true), false));
        d.put("pro", new Plan("pro", new PlanLimits(10, 3, 1024, 5, 3, 1000, 7, false), true));
        d.put("team", new Plan("team", new PlanLimits(50, 10, 2048, 20, 10, 5000, 30, false), true));
        d.put("enterprise", new Plan("enterprise", new PlanLimits(null, null, null, null, null, null, 90, false), false));
        return d;
    }

    public Optional<Plan> find(String name) {
        return Optional.ofNullable(name == null ? null : plans.get(name));
    }

    public Plan free() {
        return plans.get(Plan.FREE);
    }

    public List<String> names() {
        return plans.keySet().stream()
                .sorted(Comparator.comparingInt(Plans::rank).thenComparing(Comparator.naturalOrder())).toList();
    }

    private static int rank(String name) {
        int i = List.copyOf(DEFAULTS.keySet()).indexOf(name);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    static String problem(Map<String, PlanSettings> configured) {
        if (configured == null) {
            return null;
        }
        for (Map.Entry<String, PlanSettings> e : configured.entrySet()) {
            if (!e.getKey().matches("[a-z][a-z0-9-]{0,30}") || e.getKey().equals(Plan.SELF_HOSTED)) {
                return "billing.plans has a plan named '" + e.getKey() + "'; plan names are lower-case words "
                        + "(letters, digits, '-') and '" + Plan.SELF_HOSTED + "' is reserved";
            }
            String problem = e.getValue() == null ? null : e.getValue().problem(e.getKey());
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}
