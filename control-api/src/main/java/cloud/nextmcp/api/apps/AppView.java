package cloud.nextmcp.api.apps;

import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.config.PublicEndpoints;
import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;

/** An app with the URLs a user needs (web, git remotes) and the caller's role in its team. */
public record AppView(String name, String team, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt,
                      String webUrl, String gitSshUrl, String gitHttpUrl, String deployBranch, String role) {
    public static AppView of(App app, Role role, PublicEndpoints endpoints) {
        return new AppView(app.name(), app.teamName(), app.createdAt(), endpoints.appUrl(app.name()),
                endpoints.gitSshRemote(app.name()), endpoints.gitHttpRemote(app.name()), app.deployBranch(),
                role.dbValue());
    }
}
