package cloud.nextmcp.api.dashboard.billing;

import cloud.nextmcp.api.billing.BillingView;
import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.billing.Plan;
import java.util.List;

/**
 * The billing buttons a person sees: only an Owner changes the plan or opens the portal, and only
 * on a platform that bills (with billing off there is nothing to buy).
 *
 * @param upgradePlans the plans an Upgrade button is shown for (empty: no Upgrade button)
 * @param portal       whether the Portal button is shown
 */
public record BillingActions(List<String> upgradePlans, boolean portal) {

    public static BillingActions of(BillingView view, Role role) {
        if (!view.enabled() || role != Role.OWNER) {
            return new BillingActions(List.of(), false);
        }
        // A live subscription is changed in the portal; Checkout is for a team without one.
        boolean subscribed = view.paidPlan() != null && !"canceled".equals(view.standing());
        List<String> upgrades = subscribed ? List.of() : view.plans().stream()
                .filter(p -> !p.equals(Plan.FREE) && !p.equals(Plan.SELF_HOSTED) && !p.equals(view.plan())).toList();
        return new BillingActions(upgrades, true);
    }

    public boolean any() {
        return portal || !upgradePlans.isEmpty();
    }
}
