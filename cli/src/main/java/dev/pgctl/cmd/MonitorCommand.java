package dev.pgctl.cmd;

import dev.pgctl.config.Config;
import dev.pgctl.metrics.MetricsMapping;
import dev.pgctl.metrics.MetricsServer;
import dev.pgctl.metrics.Monitor;
import dev.pgctl.notify.Notifier;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.ui.Out;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
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
            "With PGCTL_NOTIFY_URL or PGCTL_NOTIFY_HEARTBEAT_URL set, the alert conditions are evaluated right after "
                    + "every repository read, as pgctl notify --once does (alerts sent, the heartbeat beaten when due). "
                    + "The container starts the monitor when metrics or notifications are on.",
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
        // the WAL guard (README "WAL guard") watches every tick: drops reported by pgBackRest, the full backup after
        monitor.addTickListener(new WalGuard(ctx));
        Notifier notifier = new Notifier(c, Notifier.hostName(), out::info, out::warn, Clock.systemUTC());
        if (notifier.enabled()) {
            ExecutorService evaluations = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "pgctl-alert-evaluation");
                t.setDaemon(true);
                return t;
            });
            monitor.addListener(new AlertEvaluations(AlertEvaluations.of(ctx, notifier), evaluations, out::warn));
            out.info("evaluating the alert conditions after every repository read (once a minute and after every "
                    + "backup)");
        }
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
