package cloud.nextmcp.build.releases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.nextmcp.build.artifacts.Artifact;
import cloud.nextmcp.build.runtime.RuntimeConfig;
import cloud.nextmcp.core.accounts.TeamDao;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.releases.Release;
import cloud.nextmcp.core.releases.ReleaseDao;
import cloud.nextmcp.core.releases.ReleaseStatus;
import cloud.nextmcp.core.secrets.SecretBox;
import cloud.nextmcp.core.testing.TestPostgres;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseDeployerTest {
    @Test
    void withoutARuntimeTheDeployGivesUpAndSaysWhy() {
        TestPostgres.TestDatabase db = TestPostgres.newDatabase();
        RuntimeConfig config = new RuntimeConfig("n", null, null, null, null, null, null, null, 1, null, null);
        try (EventBus events = new EventBus(db.jdbi(), db.connectionInfo())) {
            ReleaseDeployer deployer = new ReleaseDeployer(config, db.jdbi(), events,
                    new SecretBox(new SecureRandom().generateSeed(32), new SecureRandom()));
            long team = db.jdbi().onDemand(TeamDao.class).insert("lonely-team", false).id();
            App app = db.jdbi().onDemand(AppDao.class).insert("lonely-app", team, null);
            Build build = db.jdbi().onDemand(BuildDao.class).enqueue(app.id(), "0".repeat(40), "refs/heads/main", null);
            Artifact artifact = new Artifact("c".repeat(64), Path.of("/nonexistent"), "node", "npm start", null, Map.of(), null);
            List<String> log = new ArrayList<>();

            assertThatThrownBy(() -> deployer.deploy(app, build, artifact, log::add))
                    .isInstanceOf(DeployException.class)
                    .hasMessageStartingWith("v1 did not go live within 1 s: is the runtime running?");

            assertThat(log).containsExactly("-----> Releasing v1...");
            assertThat(db.jdbi().onDemand(ReleaseDao.class).find(app.id(), 1)).get()
                    .extracting(Release::status).isEqualTo(ReleaseStatus.FAILED);
        }
    }
}
