package cloud.nextmcp.cli;

import cloud.nextmcp.cli.git.GitRepository;
import picocli.CommandLine.Option;

/** {@code -a/--app}, defaulting to the app of the current repo's {@code nextmcp} git remote. */
public class AppOption {

    @Option(names = {"-a", "--app"}, paramLabel = "APP",
            description = "The app (default: the app of this git repo's 'nextmcp' remote).")
    String app;

    /** The app given here, else the one given to the parent command, else the git remote's. */
    public String resolve(GitRepository git, AppOption parent) {
        if (app != null) {
            return app;
        }
        if (parent != null && parent.app != null) {
            return parent.app;
        }
        return git.nextmcpApp().orElseThrow(() ->
                new CliException("no app given: use -a APP or run inside a repo with a 'nextmcp' remote"));
    }
}
