package dev.pgctl.cmd;

import dev.pgctl.metrics.Exposition;
import dev.pgctl.metrics.MetricsMapping;
import dev.pgctl.metrics.Snapshot;
import dev.pgctl.problem.ExitCodes;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Prints this container's metrics once, in the Prometheus text format: the same as pgctl monitor "
                + "serves on PGCTL_METRICS_PORT, for docker exec and node_exporter's textfile collector. It reads the "
                + "repository itself (pgbackrest info), so it takes as long as that.",
            "README, Monitoring, lists every metric."},
        footer = {"", "Examples:", "  docker exec <container> pgctl metrics",
            "  docker exec <container> pgctl metrics > /var/lib/node_exporter/textfile/pgctl.prom.tmp \\",
            "    && mv /var/lib/node_exporter/textfile/pgctl.prom.tmp /var/lib/node_exporter/textfile/pgctl.prom"})
public final class MetricsCommand implements Callable<Integer> {
    private final Contexts contexts;

    public MetricsCommand(Contexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() {
        Context ctx = contexts.open("metrics");
        MonitorSources sources = new MonitorSources(ctx, InstantSource.system());
        Snapshot.Repository repo = sources.repositoryConfigured()
                ? Snapshot.Repository.read(sources.readRepository(), Instant.now())
                : Snapshot.Repository.NOT_CONFIGURED;
        Snapshot s = sources.gather(repo);
        ctx.out().stdout().print(Exposition.text(MetricsMapping.of(s, Instant.now())));
        ctx.out().stdout().flush();
        return ExitCodes.OK;
    }
}
