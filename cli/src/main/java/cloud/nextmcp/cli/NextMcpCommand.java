package cloud.nextmcp.cli;

import cloud.nextmcp.cli.access.AccessCommand;
import cloud.nextmcp.cli.domains.DomainsCommand;
import cloud.nextmcp.cli.github.GithubCommand;
import cloud.nextmcp.cli.previews.PreviewsCommand;
import cloud.nextmcp.cli.apps.AppsCommand;
import cloud.nextmcp.cli.auth.LoginCommand;
import cloud.nextmcp.cli.auth.LogoutCommand;
import cloud.nextmcp.cli.auth.RegisterCommand;
import cloud.nextmcp.cli.auth.WhoamiCommand;
import cloud.nextmcp.cli.autoscale.AutoscaleCommand;
import cloud.nextmcp.cli.billing.BillingCommand;
import cloud.nextmcp.cli.builds.BuildsCommand;
import cloud.nextmcp.cli.config.ConfigCommand;
import cloud.nextmcp.cli.keys.KeysCommand;
import cloud.nextmcp.cli.logs.LogsCommand;
import cloud.nextmcp.cli.mcp.McpCommand;
import cloud.nextmcp.cli.metrics.MetricsCommand;
import cloud.nextmcp.cli.ps.PsCommand;
import cloud.nextmcp.cli.ps.RestartCommand;
import cloud.nextmcp.cli.ps.ScaleCommand;
import cloud.nextmcp.cli.releases.ReleasesCommand;
import cloud.nextmcp.cli.releases.RollbackCommand;
import cloud.nextmcp.cli.teams.TeamsCommand;
import cloud.nextmcp.cli.tokens.TokensCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "nextmcp",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Deploy MCP servers with git push, and run them, on NextMCP Cloud.",
        footer = {"", "Environment: NEXTMCP_API_URL (the API), NEXTMCP_TOKEN (an API token, for CI),",
            "NEXTMCP_DEBUG=1 (stack traces on errors)."},
        subcommands = {
            RegisterCommand.class,
            LoginCommand.class,
            LogoutCommand.class,
            WhoamiCommand.class,
            TeamsCommand.class,
            AppsCommand.class,
            KeysCommand.class,
            TokensCommand.class,
            AccessCommand.class,
            DomainsCommand.class,
            GithubCommand.class,
            PreviewsCommand.class,
            ConfigCommand.class,
            ReleasesCommand.class,
            RollbackCommand.class,
            BuildsCommand.class,
            PsCommand.class,
            ScaleCommand.class,
            AutoscaleCommand.class,
            RestartCommand.class,
            LogsCommand.class,
            MetricsCommand.class,
            BillingCommand.class,
            McpCommand.class,
            CommandLine.HelpCommand.class
        })
public class NextMcpCommand implements Callable<Integer> {

    @Option(names = "--api", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The NextMCP API (default: $NEXTMCP_API_URL, else the one you logged in to, "
                    + "else http://localhost:8000).")
    String apiUrl;

    @Spec
    CommandSpec spec;

    public String apiUrl() {
        return apiUrl;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
