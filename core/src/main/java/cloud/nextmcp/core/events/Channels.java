package cloud.nextmcp.core.events;

/** NOTIFY channel names, named after what changed. */
public final class Channels {
    /** A build row was inserted or changed state; payload: the build id. */
    public static final String BUILDS = "builds";
    /** The route table or instance health changed; payload: the app id. */
    public static final String ROUTES = "routes";
    /** New log lines; payload: the app id. */
    public static final String LOGS = "logs";
    /** Desired state of an app changed (release, formation, config); payload: the app id. */
    public static final String APPS = "apps";
    /** An SSH key was removed; payload: the key's SHA256 fingerprint. */
    public static final String KEYS = "keys";
    /** Who may call a private app changed (visibility, grants, team members, app-bound tokens); payload: the app id or empty. */
    public static final String ACCESS = "access";
    /** Custom domains, their certificates or ACME challenge answers changed; payload: the host name. */
    public static final String DOMAINS = "domains";
    /** A GitHub delivery was stored; payload: the delivery id. */
    public static final String GITHUB = "github";
    /** A router holds requests for a sleeping app and asks for a wake (row in app_load); payload: the app id. */
    public static final String WAKES = "wakes";
    /** An app's autoscale settings or sleep state changed; payload: the app id. */
    public static final String AUTOSCALE = "autoscale";

    private Channels() {
    }
}
