package cloud.nextmcp.git.access;

import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.apps.App;

/** A user's checked right to do one operation on one app's repository. */
public record AppGrant(GitUser user, App app, Role role, GitOperation operation) {
}
