package dev.pgctl.cmd;

import dev.pgctl.config.Config;
import dev.pgctl.metrics.MetricsMapping;
import dev.pgctl.metrics.MetricsServer;
import dev.pgctl.metrics.Monitor;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.ui.Out;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;

@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = {"Serves this container's metrics to Prometheus on PGCTL_METRICS_PORT (/metrics) and watches it "
                + "every " + MonitorCommand.TICK_SECONDS + " s. The container starts it in the background, under a "
                + "restart loop and outside PostgreSQL's process tree: its death never touches PostgreSQL, and it is "
                + "back within 10 s.",
            "",
            "Local facts are gathered again when a scrape finds them older than 5 s; the repository is read in the "
                    + "background once a minute and after every backup, so a scrape never waits on S3. A port that is "
                    + "taken is a warning: the monitor keeps watching and tries the port again every minute.",
            "For one print of the same metrics use pgctl metrics."},
        footer = {"", "Examples:", "  docker exec <container> pgctl metrics",
            "  curl -s http://<container>:9188/metrics   # with the port published or on the container's network"})
public final class MonitorCommand implements Callable<Integer> {
    static final int TICK_SECONDS = 10;
    /** How often a port that was taken is tried again. */
    static final Duration BIND_RETRY = Duration.ofSeconds(60);

    private final Contexts contexts;

    public MonitorCommand(Contexts contexts) {
        this.contexts = contexts;
    }

    /**
     * The listeners told of every snapshot the loop gathers: the hook for alerting (dev.pgctl.notify), which
     * returns its listener here once it is built on this monitor. The WAL guard ({@link WalGuard}) is one.
     */
    static List<Monitor.Listener> listeners(Context ctx) {
        return List.of(new WalGuard(ctx));
    }

    @Override
    public Integer call() throws InterruptedException {
        Context ctx = contexts.open("monitor");
        Out out = ctx.out();
        Config c = ctx.config();
        ExecutorService repositoryReads = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pgctl-repository-read");
            t.setDaemon(true);
            return t;
        });
        Monitor monitor = new Monitor(new MonitorSources(ctx, InstantSource.system()), InstantSource.system(),
                repositoryReads, out::warn);
        listeners(ctx).forEach(monitor::addListener);
        Optional<Integer> port = c.monitoring().metricsPort();
        if (port.isEmpty()) {
            out.info("PGCTL_METRICS_PORT=off: no metrics are served; watching every " + TICK_SECONDS + " s");
        }
        Optional<MetricsServer> server = Optional.empty();
        Instant lastTry = Instant.EPOCH;
        boolean warned = false;
        while (true) {
            if (port.isPresent() && server.isEmpty()
                    && !Instant.now().isBefore(lastTry.plus(BIND_RETRY))) {
                lastTry = Instant.now();
                try {
                    server = Optional.of(MetricsServer.start(port.get(),
                            () -> MetricsMapping.of(monitor.fresh(), Instant.now())));
                    out.info("serving metrics on port " + port.get() + " (/metrics)"
                            + (warned ? ", now that the port is free" : ""));
                } catch (IOException | RuntimeException e) {
                    if (!warned) {
                        out.warn("PGCTL_METRICS_PORT=" + port.get() + ": cannot serve metrics there (" + e.getMessage()
                                + "); PostgreSQL, backups and WAL archiving are not affected; trying again every "
                                + BIND_RETRY.toSeconds() + " s\nfix: set PGCTL_METRICS_PORT to a free port (or off) "
                                + "and restart the container");
                        warned = true;
                    }
                }
            }
            monitor.tick();
            Thread.sleep(Duration.ofSeconds(TICK_SECONDS));
            if (Thread.currentThread().isInterrupted()) {
                return ExitCodes.FAILED;
            }
        }
    }
}
