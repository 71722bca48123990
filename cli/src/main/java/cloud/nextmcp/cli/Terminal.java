package cloud.nextmcp.cli;

import java.io.Console;

/** Where interactive prompts go; absent when input is piped or the CLI runs in CI. */
public interface Terminal {

    boolean interactive();

    /** Shows the prompt and reads one line; null at end of input. */
    String readLine(String prompt);

    /** Shows the prompt and reads a line without echoing it; null at end of input. */
    char[] readPassword(String prompt);

    Terminal NONE = new Terminal() {
        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public String readLine(String prompt) {
            return null;
        }

        @Override
        public char[] readPassword(String prompt) {
            return null;
        }
    };

    static Terminal fromSystemConsole() {
        Console console = System.console();
        if (console == null) {
            return NONE;
        }
        return new Terminal() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public String readLine(String prompt) {
                return console.readLine("%s", prompt);
            }

            @Override
            public char[] readPassword(String prompt) {
                return console.readPassword("%s", prompt);
            }
        };
    }
}
