package cloud.nextmcp.server;

import cloud.nextmcp.server.commands.DbCommand;
import cloud.nextmcp.server.commands.DevCommand;
import cloud.nextmcp.server.commands.ServeCommand;
import cloud.nextmcp.server.platform.FileOrClasspathSourceProvider;
import cloud.nextmcp.server.platform.Platform;
import cloud.nextmcp.server.platform.SystemAndEnvironmentSubstitutor;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

/**
 * The one runnable. {@code dev} runs everything on an embedded database; {@code server config.yml}
 * runs the roles the file names; {@code db migrate} applies the schema.
 */
public class NextmcpServer extends Application<ServerConfiguration> {
    public static void main(String[] args) throws Exception {
        new NextmcpServer().run(args);
    }

    @Override
    public String getName() {
        return "nextmcp-server";
    }

    /** Dropwizard's own two commands, with our server command in place of the default one. */
    @Override
    protected void addDefaultCommands(Bootstrap<ServerConfiguration> bootstrap) {
        bootstrap.addCommand(new ServeCommand(this));
        bootstrap.addCommand(new CheckCommand<>(this));
    }

    @Override
    public void initialize(Bootstrap<ServerConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(
                new SystemAndEnvironmentSubstitutor(new FileOrClasspathSourceProvider(), System.getenv()));
        bootstrap.addCommand(new DevCommand(this));
        bootstrap.addCommand(new DbCommand());
    }

    @Override
    public void run(ServerConfiguration configuration, Environment environment) {
        Platform.assemble(configuration, environment);
    }
}
