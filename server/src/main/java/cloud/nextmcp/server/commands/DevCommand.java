package cloud.nextmcp.server.commands;

import cloud.nextmcp.server.ServerConfiguration;
import cloud.nextmcp.server.platform.FileOrClasspathSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code nextmcp-server dev [--data-dir DIR] [config.yml]}: every role in one process on an
 * embedded PostgreSQL, with the bundled single-node configuration unless a file is given.
 */
public final class DevCommand extends ServerCommand<ServerConfiguration> {
    public static final String DEV_CONFIG = FileOrClasspathSourceProvider.CLASSPATH_PREFIX + "nextmcp-dev.yml";

    public DevCommand(Application<ServerConfiguration> application) {
        super(application, "dev", "Runs the whole platform on one machine with an embedded PostgreSQL");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--data-dir")
                .dest("dataDir")
                .help("where accounts, apps, repositories and the database live (default ~/.nextmcp, or $NEXTMCP_DATA_DIR)");
    }

    /** Commands that take an optional configuration file read the bundled single-node one when none is given. */
    static void useDevConfigWhenNoFile(Namespace namespace) {
        if (namespace.getString("file") == null) {
            namespace.getAttrs().put("file", DEV_CONFIG);
        }
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        useDevConfigWhenNoFile(namespace);
        super.run(bootstrap, namespace);
    }

    @Override
    protected void run(Bootstrap<ServerConfiguration> bootstrap, Namespace namespace, ServerConfiguration configuration)
            throws Exception {
        String dataDir = namespace.getString("dataDir");
        if (dataDir != null) {
            configuration.overrideDataDir(dataDir);
        }
        super.run(bootstrap, namespace, configuration);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (!StartFailures.reported(cli, e)) {
            super.onError(cli, namespace, e);
        }
    }
}
