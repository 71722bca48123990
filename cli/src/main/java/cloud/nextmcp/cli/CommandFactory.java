package cloud.nextmcp.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Builds commands through their {@code (CliContext)} constructor; mixins and others the default way. */
final class CommandFactory implements CommandLine.IFactory {

    private final CliContext context;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(CliContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Constructor<K> constructor;
        try {
            constructor = type.getConstructor(CliContext.class);
        } catch (NoSuchMethodException e) {
            return fallback.create(type);
        }
        return constructor.newInstance(context);
    }
}
