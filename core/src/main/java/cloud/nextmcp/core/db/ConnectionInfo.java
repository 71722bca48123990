package cloud.nextmcp.core.db;

/** A resolved JDBC location: the embedded server's or the configured external one. */
public record ConnectionInfo(String jdbcUrl, String user, String password) {
    @Override
    public String toString() {
        return "ConnectionInfo[" + jdbcUrl + ", user=" + user + "]";
    }
}
