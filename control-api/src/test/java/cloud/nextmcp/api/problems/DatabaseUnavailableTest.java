package cloud.nextmcp.api.problems;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.db.DatabaseOutage;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.sql.SQLException;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {
    @Test
    void anUnreachableDatabaseIsA503WithRetryAfterNotAnInternalError() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001", new ConnectException("refused"));
        Response response = new UnexpectedExceptionMapper().toResponse(new ConnectionException(refused));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(((Problem) response.getEntity()).detail()).isEqualTo(DatabaseOutage.MESSAGE);
    }

    @Test
    void otherFailuresStayInternalErrors() {
        Response response = new IllegalStateExceptionMapper().toResponse(new IllegalStateException("bug"));

        assertThat(response.getStatus()).isEqualTo(500);
    }
}
