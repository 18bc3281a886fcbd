package dev.pgctl.cmd;

import dev.pgctl.ExitCodes;
import dev.pgctl.ui.Out;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "ssl", mixinStandardHelpOptions = true,
        description = {"Shows, generates or rotates the server's TLS certificates.", "", "Not available in this version yet (exit code 6)."})
public final class SslCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Out.system("ssl").error("pgctl ssl is not available in this version yet");
        return ExitCodes.NOT_AVAILABLE;
    }
}
