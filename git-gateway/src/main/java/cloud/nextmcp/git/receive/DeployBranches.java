package cloud.nextmcp.git.receive;

import cloud.nextmcp.core.apps.App;
import org.eclipse.jgit.lib.Constants;

/**
 * Which branches deploy an app: its configured deploy branch, and for apps on {@code main} also
 * {@code master}, so repositories that still use the old default name deploy without renaming.
 */
public final class DeployBranches {
    private DeployBranches() {
    }

    public static boolean deploys(App app, String refName) {
        String deploy = Constants.R_HEADS + app.deployBranch();
        return refName.equals(deploy) || ("main".equals(app.deployBranch()) && refName.equals(Constants.R_HEADS + "master"));
    }
}
