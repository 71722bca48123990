package cloud.nextmcp.cli.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of command tests: a fake API on a real socket and a CLI pointed at it, not logged in, fresh per test. */
public abstract class FakeApiCliTest {
    @TempDir
    protected Path root;

    protected FakeApi api;
    protected CliRunner cli;

    @BeforeEach
    void startFakeApi() {
        api = new FakeApi();
        cli = new CliRunner(root).variable("NEXTMCP_API_URL", api.url());
    }

    @AfterEach
    void stopFakeApi() {
        api.close();
    }
}
