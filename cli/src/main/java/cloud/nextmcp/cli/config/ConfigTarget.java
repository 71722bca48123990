package cloud.nextmcp.cli.config;

/** Whose config a command changes: the app, or with {@code --preview pr-7} its preview app {@code pr-7--<app>}. */
final class ConfigTarget {
    private ConfigTarget() {
    }

    static String of(String app, String preview) {
        return preview == null || preview.isBlank() ? app : preview.trim() + "--" + app;
    }
}
