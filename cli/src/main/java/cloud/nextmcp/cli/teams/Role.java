package cloud.nextmcp.cli.teams;

/** A member's role in a team; the API spells them in lower case. */
public enum Role {
    OWNER, ADMIN, MEMBER, VIEWER;

    public String apiName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
