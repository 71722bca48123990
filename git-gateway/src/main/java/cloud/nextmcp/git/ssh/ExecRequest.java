package cloud.nextmcp.git.ssh;

import cloud.nextmcp.git.access.GitOperation;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code exec} request. Only {@code git-upload-pack '<repo>'} and
 * {@code git-receive-pack '<repo>'} are accepted, with exactly one single-quoted argument and
 * nothing else; no shell ever sees the string, so there is nothing to escape.
 */
public record ExecRequest(GitOperation operation, String repository) {
    private static final Pattern COMMAND = Pattern.compile("(git-upload-pack|git-receive-pack) '([^'\\\\\\x00-\\x1f]{1,200})'");

    public static Optional<ExecRequest> parse(String command) {
        Matcher m = COMMAND.matcher(command);
        if (!m.matches()) {
            return Optional.empty();
        }
        GitOperation op = m.group(1).equals("git-receive-pack") ? GitOperation.PUSH : GitOperation.FETCH;
        return Optional.of(new ExecRequest(op, m.group(2)));
    }
}
