package cloud.nextmcp.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.billing.BillingView;
import cloud.nextmcp.api.dashboard.billing.BillingActions;
import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.billing.PlanLimits;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which billing buttons the page shows to whom. */
class BillingActionsTest {
    private static final List<String> PLANS = List.of("hobby", "pro", "team");

    private static BillingView view(boolean enabled, String plan, String standing, String paidPlan) {
        return new BillingView("crew", enabled, plan, standing, paidPlan, null, null, null, null, PlanLimits.unlimited(),
                new BillingView.Usage(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1), 0, 0, 0, 0), List.of(),
                enabled ? PLANS : List.of("self-hosted"));
    }

    @Test
    void withBillingOffNobodyGetsAButton() {
        BillingActions owner = BillingActions.of(view(false, "self-hosted", "self_hosted", null), Role.OWNER);
        assertThat(owner.any()).isFalse();
        assertThat(owner.upgradePlans()).isEmpty();
        assertThat(owner.portal()).isFalse();
    }

    @Test
    void anOwnerOnTheFreePlanMayUpgradeToEachPaidPlanAndOpenThePortal() {
        BillingActions owner = BillingActions.of(view(true, "hobby", "free", null), Role.OWNER);
        assertThat(owner.upgradePlans()).containsExactly("pro", "team");
        assertThat(owner.portal()).isTrue();
    }

    @Test
    void aSubscribedOwnerChangesThePlanInThePortalOnly() {
        BillingActions owner = BillingActions.of(view(true, "pro", "active", "pro"), Role.OWNER);
        assertThat(owner.upgradePlans()).isEmpty();
        assertThat(owner.portal()).isTrue();
        assertThat(BillingActions.of(view(true, "hobby", "canceled", "pro"), Role.OWNER).upgradePlans())
                .containsExactly("pro", "team");
    }

    @Test
    void anAdminReadsButHasNoButtons() {
        assertThat(BillingActions.of(view(true, "hobby", "free", null), Role.ADMIN).any()).isFalse();
    }
}
