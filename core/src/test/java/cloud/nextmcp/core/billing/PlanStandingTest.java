package cloud.nextmcp.core.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.util.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanStandingTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final StripeConfig STRIPE = new StripeConfig(null, "sk_test_x", "whsec_x",
            Map.of("pro", "price_pro", "team", "price_team"), null, null, null);
    private static final BillingConfig ON = new BillingConfig(true, null, Duration.days(3), null, null, STRIPE);
    private static final Plans PLANS = Plans.of(null);

    @Test
    void billingOffPutsEveryTeamOnAnUnlimitedSelfHostedPlan() {
        PlanStanding s = PlanStanding.of(BillingConfig.disabled(), PLANS, null, NOW);
        assertThat(s.standing()).isEqualTo(BillingStanding.SELF_HOSTED);
        assertThat(s.plan().name()).isEqualTo("self-hosted");
        assertThat(s.plan().limits()).isEqualTo(PlanLimits.unlimited());
    }

    @Test
    void noSubscriptionIsTheFreeHobbyPlan() {
        PlanStanding s = PlanStanding.of(ON, PLANS, row("cus_1", null, null, null, null), NOW);
        assertThat(s.standing()).isEqualTo(BillingStanding.FREE);
        assertThat(s.plan().name()).isEqualTo("hobby");
        assertThat(s.plan().limits().apps()).isEqualTo(2);
    }

    @Test
    void anActiveSubscriptionGivesItsPlanAndAFailedPaymentKeepsItOnlyForTheGracePeriod() {
        assertThat(PlanStanding.of(ON, PLANS, row("cus_1", "sub_1", "active", "pro", null), NOW).plan().name())
                .isEqualTo("pro");
        PlanStanding grace = PlanStanding.of(ON, PLANS, row("cus_1", "sub_1", "past_due", "pro",
                NOW.minusSeconds(2 * 86_400)), NOW);
        assertThat(grace.standing()).isEqualTo(BillingStanding.GRACE);
        assertThat(grace.plan().name()).isEqualTo("pro");
        assertThat(grace.graceEndsAt()).isEqualTo(NOW.plusSeconds(86_400));
        PlanStanding over = PlanStanding.of(ON, PLANS, row("cus_1", "sub_1", "past_due", "pro",
                NOW.minusSeconds(3 * 86_400 + 1)), NOW);
        assertThat(over.standing()).isEqualTo(BillingStanding.DOWNGRADED);
        assertThat(over.plan().name()).isEqualTo("hobby");
        assertThat(over.paidPlan()).isEqualTo("pro");
    }

    @Test
    void aCanceledSubscriptionIsTheFreePlan() {
        PlanStanding s = PlanStanding.of(ON, PLANS, row("cus_1", "sub_1", "canceled", "pro", null), NOW);
        assertThat(s.standing()).isEqualTo(BillingStanding.CANCELED);
        assertThat(s.plan().name()).isEqualTo("hobby");
    }

    @Test
    void configuredPlansChangeOnlyTheFieldsTheySetAndMinusOneIsUnlimited() {
        Plans plans = Plans.of(Map.of("pro", new PlanSettings(20, null, null, null, -1, null, null, null, null),
                "startup", new PlanSettings(5, 2, null, null, null, null, null, null, false)));
        Plan pro = plans.find("pro").orElseThrow();
        assertThat(pro.limits().apps()).isEqualTo(20);
        assertThat(pro.limits().domainsPerApp()).isNull();
        assertThat(pro.limits().logRetentionDays()).isEqualTo(7);
        assertThat(plans.find("team").orElseThrow().limits().logRetentionDays()).isEqualTo(30);
        assertThat(plans.find("startup").orElseThrow().limits().apps()).isEqualTo(5);
        assertThat(plans.names()).startsWith("hobby", "pro", "team", "enterprise").contains("startup");
    }

    @Test
    void validationNamesWhatToSet() {
        assertThatThrownBy(() -> new BillingConfig(true, null, null, null, null, null).validate())
                .hasMessageContaining("billing.stripe.secretKey");
        assertThatThrownBy(() -> new BillingConfig(true, null, null, null, null,
                new StripeConfig(null, "sk", "whsec", Map.of("gold", "price_g"), null, null, null)).validate())
                .hasMessageContaining("'gold'");
        assertThatThrownBy(() -> new BillingConfig(false, Map.of("pro",
                new PlanSettings(-2, null, null, null, null, null, null, null, null)), null, null, null, null).validate())
                .hasMessageContaining("-1 for unlimited");
        BillingConfig.disabled().validate();
        ON.validate();
    }

    private static TeamBilling row(String customer, String subscription, String status, String plan, Instant failedAt) {
        return new TeamBilling(1, customer, subscription, status, plan, null, failedAt, NOW);
    }
}
