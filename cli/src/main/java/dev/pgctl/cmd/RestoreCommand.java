package dev.pgctl.cmd;

import dev.pgctl.ExitCodes;
import dev.pgctl.ui.Out;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restores a backup: into an empty PGDATA, into a scratch directory for a drill, or in place.", "", "Not available in this version yet (exit code 6)."})
public final class RestoreCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Out.system("restore").error("pgctl restore is not available in this version yet");
        return ExitCodes.NOT_AVAILABLE;
    }
}
