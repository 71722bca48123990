package cloud.nextmcp.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * For tests that need something of the host (bubblewrap, pasta, a registry binary): on a
 * developer's machine without it the test is skipped with the reason; under CI ({@code CI} set)
 * it fails, so a security test can never pass by not running.
 */
public final class Prerequisites {
    private Prerequisites() {
    }

    public static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if (System.getenv("CI") != null) {
            fail("CI must provide " + what + " (.ci/run installs it)");
        }
        assumeTrue(false, what + " is missing on this host");
    }
}
