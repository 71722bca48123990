package cloud.nextmcp.cli.access;

/** A grant names a user by e-mail or an API token by name; token names cannot hold '@', e-mails always do. */
final class Grantee {
    private Grantee() {
    }

    static boolean isEmail(String grantee) {
        return grantee.contains("@");
    }
}
