package cloud.nextmcp.api.apps;

import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.config.PublicEndpoints;
import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;

/**
 * An app with the URLs a user needs (web, git remotes), the caller's role in its team, and the
 * project name and description of its live release's build (null unless that is a NextMCP project).
 */
public record AppView(String name, String team, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt,
                      String webUrl, String gitSshUrl, String gitHttpUrl, String deployBranch, String role,
                      String projectName, String projectDescription) {
    /** {@code project} is null when the live build recorded none (or there is no live release). */
    public static AppView of(App app, Role role, PublicEndpoints endpoints, LiveProjects.Project project) {
        return new AppView(app.name(), app.teamName(), app.createdAt(), endpoints.appUrl(app.name()),
                endpoints.gitSshRemote(app.name()), endpoints.gitHttpRemote(app.name()), app.deployBranch(),
                role.dbValue(), project == null ? null : project.name(), project == null ? null : project.description());
    }
}
