package dev.pgctl.cmd;

import dev.pgctl.ExitCodes;
import dev.pgctl.ui.Out;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "replica", mixinStandardHelpOptions = true,
        description = {"Shows replication status or promotes this standby.", "", "Not available in this version yet (exit code 6)."})
public final class ReplicaCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Out.system("replica").error("pgctl replica is not available in this version yet");
        return ExitCodes.NOT_AVAILABLE;
    }
}
