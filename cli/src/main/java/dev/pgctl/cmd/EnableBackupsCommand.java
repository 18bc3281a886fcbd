package dev.pgctl.cmd;

import dev.pgctl.ExitCodes;
import dev.pgctl.ui.Out;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "enable-backups", mixinStandardHelpOptions = true,
        description = {"Starts backups of a cluster adopted from the official image.", "", "Not available in this version yet (exit code 6)."})
public final class EnableBackupsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Out.system("enable-backups").error("pgctl enable-backups is not available in this version yet");
        return ExitCodes.NOT_AVAILABLE;
    }
}
