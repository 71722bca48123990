package cloud.nextmcp.cli.logs;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.http.PathSegment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "logs", description = "Print an app's recent log lines; -f keeps following them.")
public class LogsCommand extends ApiCommand {

    @Option(names = {"-n", "--num"}, paramLabel = "N", defaultValue = "100",
            description = "How many recent lines (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines as they come (Ctrl-C to stop).")
    boolean follow;

    @Option(names = {"-s", "--source"}, paramLabel = "SOURCE",
            description = "Only this source, e.g. web, web.1, build, router.")
    String source;

    @Mixin
    AppOption app;

    public LogsCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String path = appPath(app(app)) + "/logs?tail=" + Math.max(0, lines)
                + (source == null ? "" : "&source=" + PathSegment.encode(source));
        if (follow) {
            new LogFollower(api(), out(), err()).follow(path + "&follow=true");
            return;
        }
        String log = api().getText(path);
        out().print(log);
        if (!log.isEmpty() && !log.endsWith("\n")) {
            out().println();
        }
        out().flush();
    }
}
