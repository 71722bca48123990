package cloud.nextmcp.cli;

import picocli.CommandLine.Option;

/** {@code --json}: print the API's JSON instead of a table. */
public class JsonOption {

    @Option(names = "--json", description = "Print the API's JSON instead of a table.")
    boolean enabled;

    public boolean enabled() {
        return enabled;
    }
}
