package dev.pgctl.cmd;

import dev.pgctl.ExitCodes;
import dev.pgctl.ui.Out;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks the configuration, the repository and a real WAL archive round trip.", "", "Not available in this version yet (exit code 6)."})
public final class CheckCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Out.system("check").error("pgctl check is not available in this version yet");
        return ExitCodes.NOT_AVAILABLE;
    }
}
