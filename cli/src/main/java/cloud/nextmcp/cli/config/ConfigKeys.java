package cloud.nextmcp.cli.config;

import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Config var names are environment variable names. */
final class ConfigKeys {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ConfigKeys() {
    }

    static String validated(CommandSpec spec, String key) {
        if (!KEY.matcher(key).matches()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "'" + key
                    + "' is not a valid config var name (letters, digits and _, not starting with a digit)");
        }
        return key;
    }
}
