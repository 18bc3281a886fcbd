package dev.pgctl.cmd;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * picocli's factory for pgctl's commands: a command with a constructor taking {@link Contexts} gets the one
 * given here (constructor injection, so that a test runs a command line in-process on a context it built);
 * everything else (commands without one, mixins, picocli's own classes) comes from picocli's default factory.
 */
public final class CommandFactory implements CommandLine.IFactory {
    private final Contexts contexts;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    public CommandFactory(Contexts contexts) {
        this.contexts = contexts;
    }

    public Contexts contexts() {
        return contexts;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        Constructor<K> withContexts;
        try {
            withContexts = cls.getDeclaredConstructor(Contexts.class);
        } catch (NoSuchMethodException e) {
            return fallback.create(cls);
        }
        withContexts.setAccessible(true);
        return withContexts.newInstance(contexts);
    }
}
