package cloud.nextmcp.cli.auth;

import cloud.nextmcp.cli.CliEnvironment;
import cloud.nextmcp.cli.CliException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Asks for an email and password when they were not given as options. */
final class Prompts {

    private final CliEnvironment environment;

    Prompts(CliEnvironment environment) {
        this.environment = environment;
    }

    String email(String given) {
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        requireTerminal("--email");
        String email = environment.terminal().readLine("Email: ");
        if (email == null || email.isBlank()) {
            throw new CliException("no email given");
        }
        return email.trim();
    }

    /** From the first line of stdin with {@code --password-stdin}, else typed twice when {@code confirm}. */
    String password(boolean fromStdin, boolean confirm) {
        if (fromStdin) {
            return firstLineOfStdin();
        }
        requireTerminal("--password-stdin");
        String password = typed("Password: ");
        if (confirm && !password.equals(typed("Password (again): "))) {
            throw new CliException("the two passwords differ");
        }
        return password;
    }

    private String typed(String prompt) {
        char[] chars = environment.terminal().readPassword(prompt);
        if (chars == null || chars.length == 0) {
            throw new CliException("no password given");
        }
        String password = new String(chars);
        Arrays.fill(chars, ' ');
        return password;
    }

    private String firstLineOfStdin() {
        try {
            // Not closed: the stream is the process's stdin, owned by the caller.
            String line = new BufferedReader(new InputStreamReader(environment.stdin(), StandardCharsets.UTF_8))
                    .readLine();
            if (line == null || line.isEmpty()) {
                throw new CliException("--password-stdin: standard input is empty");
            }
            return line;
        } catch (IOException e) {
            throw new CliException("--password-stdin: cannot read standard input: " + e.getMessage(), e);
        }
    }

    private void requireTerminal(String option) {
        if (!environment.terminal().interactive()) {
            throw new CliException("no terminal to ask on: use " + option);
        }
    }
}
