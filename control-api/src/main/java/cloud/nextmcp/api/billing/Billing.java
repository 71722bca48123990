package cloud.nextmcp.api.billing;

import cloud.nextmcp.api.audit.Actors;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.core.billing.BillingConfig;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.config.PublicEndpoints;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Assembles billing in the API role: the team endpoints, Stripe's webhook and the usage meter. */
public final class Billing {
    private final BillingConfig config;
    private final Jdbi jdbi;
    private final Entitlements entitlements;
    private final PublicEndpoints endpoints;
    private final Clock clock;

    public Billing(BillingConfig config, Jdbi jdbi, Entitlements entitlements, PublicEndpoints endpoints, Clock clock) {
        this.config = config;
        this.jdbi = jdbi;
        this.entitlements = entitlements;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    /** Registers billing's endpoints and meter; returns the team endpoints for the dashboard's page. */
    public BillingResource register(Environment environment, Auditor auditor, Actors actors) {
        JerseyEnvironment jersey = environment.jersey();
        StripeGateway stripe = config.isEnabled() ? new StripeGateway(config.stripe()) : null;
        BillingService service = new BillingService(config, entitlements, stripe, jdbi, endpoints, clock);
        BillingResource resource = new BillingResource(jdbi, service, auditor, actors);
        jersey.register(resource);
        if (config.isEnabled()) {
            StripeEvents events = new StripeEvents(jdbi, stripe, service, clock);
            jersey.register(new StripeWebhookResource(new StripeSignature(config.stripe().webhookSecret(), clock), events,
                    environment.getObjectMapper()));
        } else {
            jersey.register(new StripeWebhookResource.Disabled());
        }
        environment.lifecycle().manage(new UsageMeter(config, jdbi, entitlements, stripe, clock));
        return resource;
    }
}
