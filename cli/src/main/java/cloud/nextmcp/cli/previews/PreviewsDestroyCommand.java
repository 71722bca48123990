package cloud.nextmcp.cli.previews;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.http.PathSegment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "destroy", description = "Tear a preview down: its instances stop and its URL answers 404 (Member).")
public class PreviewsDestroyCommand extends ApiCommand {

    @Parameters(paramLabel = "PREVIEW", description = "pr-<n> or the branch's preview name, as listed by nextmcp previews.")
    String preview;

    @Mixin
    AppOption app;

    @ParentCommand
    PreviewsCommand parent;

    public PreviewsDestroyCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app, parent.app);
        api().delete(appPath(name) + "/previews/" + PathSegment.encode(preview));
        out().println("Destroyed preview " + preview + " of " + name);
    }
}
