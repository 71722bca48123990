package cloud.nextmcp.server.commands;

import cloud.nextmcp.server.ServerConfiguration;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import net.sourceforge.argparse4j.inf.Namespace;

/** {@code nextmcp-server server config.yml}: Dropwizard's server command, with start failures a user can fix as one line. */
public final class ServeCommand extends ServerCommand<ServerConfiguration> {
    public ServeCommand(Application<ServerConfiguration> application) {
        super(application, "server", "Runs the roles the configuration file names");
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (!StartFailures.reported(cli, e)) {
            super.onError(cli, namespace, e);
        }
    }
}
