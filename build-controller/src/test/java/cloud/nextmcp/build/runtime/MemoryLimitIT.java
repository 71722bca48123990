package cloud.nextmcp.build.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.build.sandbox.MemoryCgroups;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.billing.BillingConfig;
import cloud.nextmcp.core.billing.PlanSettings;
import cloud.nextmcp.core.billing.StripeConfig;
import cloud.nextmcp.core.testing.Prerequisites;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan's memory per instance is a real limit: an instance that goes over it is killed by the kernel,
 * the app's log says why, and it is restarted like any crash. Here the hobby plan allows 96 MiB.
 */
class MemoryLimitIT {
    private static final BillingConfig BILLING = new BillingConfig(true,
            Map.of("hobby", new PlanSettings(null, null, 96, null, null, null, null, null, null)), null, null, null,
            new StripeConfig(null, "sk_test", "whsec_test", Map.of("pro", "price_pro"), null, null, null));

    @TempDir
    static Path tmp;
    static RuntimeFixture f;

    @BeforeAll
    static void start() {
        MemoryCgroups memory = MemoryCgroups.detect();
        Prerequisites.require(memory.available(), "a writable memory cgroup (" + memory.unavailableBecause() + ")");
        f = new RuntimeFixture(tmp, RuntimeFixture.CONFIG, BILLING);
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void anInstanceOverItsPlansMemoryIsKilledTheLogSaysWhyAndItComesBack() throws Exception {
        App app = f.app("hungry-app");
        f.deploy(app, f.apps.server("hungry"));
        Object address = f.served(app.id()).get(0).get("address");
        assertThat(f.get(address, "/")).as("under its limit it serves").isEqualTo("hungry v1 None");

        assertThat(f.get(address, "/hog")).as("400 MiB is over the plan's 96").isNull();

        List<Map<String, Object>> back = Eventually.until(() -> f.served(app.id()),
                l -> l.size() == 1 && Integer.valueOf(1).equals(l.get(0).get("restarts")), "the instance to be back");
        assertThat(f.get(back.get(0).get("address"), "/")).isEqualTo("hungry v1 None");
        assertThat(f.logLines(app.id(), "platform"))
                .anySatisfy(l -> assertThat(l).contains("plan memory 96 MiB per instance"))
                .anySatisfy(l -> assertThat(l).startsWith("web.1 exited with status 137 (out of memory: it may use 96 MiB, "
                        + "its plan's memory per instance)"));
    }
}
