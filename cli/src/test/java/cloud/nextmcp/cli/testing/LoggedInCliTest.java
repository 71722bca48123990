package cloud.nextmcp.cli.testing;

import org.junit.jupiter.api.BeforeEach;

/** Base of command tests that need a session: the CLI of {@link FakeApiCliTest}, logged in to the fake API. */
public abstract class LoggedInCliTest extends FakeApiCliTest {
    @BeforeEach
    void logIn() {
        cli.loggedIn(api.url());
    }
}
