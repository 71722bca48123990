package cloud.nextmcp.server.commands;

import cloud.nextmcp.server.ServerConfiguration;
import cloud.nextmcp.server.platform.DatabaseStarter;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code nextmcp-server db migrate [config.yml]}: applies the schema changelogs and exits. */
public final class DbCommand extends ConfiguredCommand<ServerConfiguration> {
    public DbCommand() {
        super("db", "Database maintenance: 'db migrate' applies the schema");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("migrate").help("migrate: apply pending schema changes");
        super.configure(subparser);
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        DevCommand.useDevConfigWhenNoFile(namespace);
        super.run(bootstrap, namespace);
    }

    @Override
    protected void run(Bootstrap<ServerConfiguration> bootstrap, Namespace namespace, ServerConfiguration configuration) {
        DatabaseStarter.StartedDatabase db = DatabaseStarter.start(configuration.database(), configuration.dataDirectory());
        db.embedded().ifPresent(e -> e.close());
        System.out.println("Schema is up to date at " + db.connectionInfo().jdbcUrl());
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (!StartFailures.reported(cli, e)) {
            super.onError(cli, namespace, e);
        }
    }
}
