package dev.pgctl.cmd;

import dev.pgctl.ui.Out;

/**
 * Where a command gets its {@link Context}: pgctl loads it from the environment ({@link #SYSTEM}); a test
 * builds one with a Config of its own and a fake process runner. {@link CommandFactory} hands it to commands.
 */
public interface Contexts {
    /** The environment's Config, real processes, output on the process's stdout and stderr. */
    Contexts SYSTEM = Context::load;

    /** The context for a run of {@code command} (its name tags the log lines). */
    Context open(String command);

    /** Where errors of {@code command} are shown when it fails before or without its context. */
    default Out out(String command) {
        return Out.system(command);
    }
}
