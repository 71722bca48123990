package cloud.nextmcp.cli;

import cloud.nextmcp.cli.http.ApiClient;
import cloud.nextmcp.cli.http.PathSegment;
import cloud.nextmcp.cli.output.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of the commands that call the API: access to the client, the output and the app. */
public abstract class ApiCommand implements Callable<Integer> {

    protected final CliContext context;

    @Spec
    protected CommandSpec spec;

    protected ApiCommand(CliContext context) {
        this.context = context;
    }

    /** Runs the command; failures are thrown as {@link CliException}s and printed as one line. */
    protected abstract void run();

    @Override
    public final Integer call() {
        run();
        return 0;
    }

    protected ApiClient api() {
        return context.access().authenticated(apiOverride());
    }

    protected ApiClient anonymousApi() {
        return context.access().anonymous(apiOverride());
    }

    /** The {@code --api} value, given before or after the subcommand (it is an inherited option). */
    protected String apiOverride() {
        return spec.root().userObject() instanceof NextMcpCommand root ? root.apiUrl() : null;
    }

    protected String app(AppOption option) {
        return option.resolve(context.git(), null);
    }

    protected String app(AppOption option, AppOption parent) {
        return option.resolve(context.git(), parent);
    }

    /** {@code /apps/<app>}, the root of every app-scoped endpoint. */
    protected static String appPath(String app) {
        return "/apps/" + PathSegment.encode(app);
    }

    protected PrintWriter out() {
        return context.out();
    }

    protected PrintWriter err() {
        return context.err();
    }

    protected void printJson(JsonNode node) {
        context.json().print(out(), node);
    }

    protected static String text(JsonNode node, String field) {
        return Json.text(node, field);
    }
}
