package dev.pgctl.cmd;

import dev.pgctl.problem.ExitCodes;
import dev.pgctl.bootstrap.DataDir;
import dev.pgctl.config.Config;
import dev.pgctl.status.Health;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"The image's HEALTHCHECK: exit 0 when PostgreSQL accepts connections on its socket (and the "
                + "backup scheduler runs, where it should), 1 otherwise. While a first start restores from S3 or "
                + "copies a primary, it says 'starting' and exits 0, so a long restore is never marked unhealthy.",
            "For the full picture use pgctl status."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  healthy, or starting (restore or copy in progress)", "  1  unhealthy (the line says why)"})
public final class HealthCommand implements Callable<Integer> {
    private final Contexts contexts;

    public HealthCommand(Contexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() {
        Context ctx = contexts.open("health");
        Config c = ctx.config();
        var pgdata = c.postgres().pgdata();
        Health.Result r = Health.decide(new Health.Input(
                Files.exists(DataDir.restoreMarker(pgdata)),
                Files.exists(DataDir.cloneMarker(pgdata)),
                ctx.postgres().ready(),
                Files.exists(Services.schedulerExpected(c.paths().runDir())),
                Services.schedulerRunning() || Services.schedulerLoopRunning()));
        ctx.out().stdout().println((r.healthy() ? "healthy: " : "unhealthy: ") + r.message());
        return r.healthy() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
