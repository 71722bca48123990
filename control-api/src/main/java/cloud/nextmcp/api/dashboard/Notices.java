package cloud.nextmcp.api.dashboard;

import java.util.Map;

/**
 * The confirmations a page shows after a redirect ({@code ?notice=rolled-back}): fixed texts
 * chosen by a code, so a link cannot make a page say something of its own.
 */
public final class Notices {
    private static final Map<String, String> TEXTS = Map.ofEntries(
            Map.entry("rolled-back", "Rolled back: a new release with the older build and config is rolling out."),
            Map.entry("config-set", "Config var set: a new release is rolling out with it."),
            Map.entry("config-removed", "Config var removed: a new release is rolling out without it."),
            Map.entry("scaled", "Scaled: instances are starting or stopping to match."),
            Map.entry("logged-out", "You are logged out."),
            Map.entry("preview-destroyed", "Preview destroyed: its instances are stopping and its URL answers 404."),
            Map.entry("github-connected", "Connected to GitHub: pushes to the production branch deploy, and previews follow the mode chosen."),
            Map.entry("github-disconnected", "Disconnected from GitHub: its webhooks no longer deploy this app."),
            Map.entry("autoscaled", "Autoscaling set: the autoscaler applies it within seconds."),
            Map.entry("autoscale-off", "Autoscaling off: the app runs the instance count set by scale."),
            Map.entry("restarted", "Restarting: the instances are replaced one by one."),
            Map.entry("team-created", "Team created: you are its owner."),
            Map.entry("member-added", "Member added."),
            Map.entry("role-changed", "Role changed."),
            Map.entry("member-removed", "Member removed."),
            Map.entry("invitation-revoked", "Invitation revoked: its link no longer works."),
            Map.entry("joined", "You joined the team: its apps are in your list."),
            Map.entry("key-added", "SSH key added: git over SSH now accepts it."),
            Map.entry("key-removed", "SSH key removed."),
            Map.entry("token-revoked", "Token revoked: it no longer works."),
            Map.entry("consent-withdrawn", "Client no longer allowed: its tokens for that app stop working."),
            Map.entry("domain-added", "Domain added: create its DNS records, then check DNS."),
            Map.entry("domain-checked", "DNS checked: the domain's state below is the latest."),
            Map.entry("domain-removed", "Domain removed."),
            Map.entry("visibility-changed", "Visibility changed: the router applies it within seconds."),
            Map.entry("access-granted", "Access granted."),
            Map.entry("access-revoked", "Access revoked: calls with it are refused within seconds."),
            Map.entry("app-destroyed", "App destroyed: its instances stop, and its releases, config and logs are gone."));

    private Notices() {
    }

    public static String text(String code) {
        return code == null ? null : TEXTS.get(code);
    }
}
