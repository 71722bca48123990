package cloud.nextmcp.router.access;

/**
 * The edge's verdict on one call: a public app (no identity), an allowed caller of a private app
 * (the user's e-mail, and the app's team when the caller is a member of it, else null), or a refusal.
 */
public record Decision(boolean isPrivate, String subject, String team, Refusal refusal) {
    public static final Decision PUBLIC = new Decision(false, null, null, null);

    static Decision allowed(String subject, String team) {
        return new Decision(true, subject, team, null);
    }

    static Decision refused(Refusal refusal) {
        return new Decision(true, null, null, refusal);
    }

    public boolean refused() {
        return refusal != null;
    }
}
