package cloud.nextmcp.git.github;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.kohsuke.github.HttpException;

/**
 * When a call to GitHub is tried again: on 5xx, 429 and network errors, after a delay that doubles
 * from {@code first} up to {@code max}, for at most {@code attempts} tries. A 4xx other than 429 is
 * final (trying again cannot change the answer).
 */
public record RetryPolicy(Duration first, Duration max, int attempts) {
    public static RetryPolicy standard() {
        return new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(5), 10);
    }

    /** The wait before try {@code attempt + 1} after try {@code attempt} (1-based) failed with {@code failure}; empty: give up. */
    public Optional<Duration> next(int attempt, IOException failure) {
        if (attempt >= attempts || !retryable(failure)) {
            return Optional.empty();
        }
        Duration d = first;
        for (int i = 1; i < attempt && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return Optional.of(d.compareTo(max) > 0 ? max : d);
    }

    static boolean retryable(IOException failure) {
        if (failure instanceof java.io.FileNotFoundException) {
            return false; // github-api's 404 (GHFileNotFoundException)
        }
        if (failure instanceof HttpException http && http.getResponseCode() > 0) {
            int code = http.getResponseCode();
            return code >= 500 || code == 429;
        }
        return true;
    }
}
