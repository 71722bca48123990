package cloud.nextmcp.api.dashboard.apps;

import java.util.List;

/** What an app's badge says, from its newest build, its instances and whether it has a release at all. */
public enum AppStatus {
    NEW("new"), BUILDING("building"), DEPLOYING("deploying"), LIVE("live"), CRASHED("crashed"), FAILED("failed"),
    STOPPED("stopped");

    private final String label;

    AppStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * @param newestBuild    status of the newest build ({@code queued}, {@code running}, {@code succeeded},
     *                       {@code failed}), null when there is none
     * @param newestRelease  status of the newest release ({@code pending}, {@code live}, {@code failed},
     *                       {@code superseded}), null when there is none
     * @param instanceStates the states of its instances ({@code starting}, {@code healthy}, {@code draining}, {@code crashed})
     */
    public static AppStatus of(String newestBuild, String newestRelease, List<String> instanceStates) {
        if ("queued".equals(newestBuild) || "running".equals(newestBuild)) {
            return BUILDING;
        }
        boolean healthy = instanceStates.contains("healthy");
        if (instanceStates.contains("crashed") && !healthy) {
            return CRASHED;
        }
        if (healthy) {
            return LIVE;
        }
        if (instanceStates.contains("starting") || "pending".equals(newestRelease)) {
            return DEPLOYING;
        }
        if ("failed".equals(newestBuild) || "failed".equals(newestRelease)) {
            return FAILED;
        }
        return newestRelease == null ? NEW : STOPPED;
    }
}
