package cloud.nextmcp.git.github;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Installation tokens per repository, asked for again when less than {@link #MARGIN} of their
 * life is left (they live an hour), so no call starts with a token that expires on the way.
 */
final class InstallationTokens {
    static final Duration MARGIN = Duration.ofMinutes(5);

    /** Asks GitHub for a fresh token for {@code owner/repo}. */
    interface Source {
        Token create(String repository) throws IOException;
    }

    record Token(String value, Instant expiresAt) {
    }

    private final Source source;
    private final Clock clock;
    private final Map<String, Token> tokens = new HashMap<>();

    InstallationTokens(Source source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    synchronized String token(String repository) throws IOException {
        Token t = tokens.get(repository);
        if (t == null || !clock.instant().plus(MARGIN).isBefore(t.expiresAt())) {
            t = source.create(repository);
            tokens.put(repository, t);
        }
        return t.value();
    }
}
