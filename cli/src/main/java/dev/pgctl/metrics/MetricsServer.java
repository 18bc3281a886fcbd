package dev.pgctl.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The HTTP server of pgctl monitor: the Prometheus client's own ({@code /metrics}, and {@code /-/healthy}), on
 * every address of the container, answering each scrape with what {@code metrics} gives. Two threads: scrapes
 * queue rather than multiply, so that a flood of them cannot take more than that from PostgreSQL.
 */
public final class MetricsServer implements AutoCloseable {
    private final HTTPServer server;

    private MetricsServer(HTTPServer server) {
        this.server = server;
    }

    /** Serves {@code metrics} on {@code port}; IOException (a BindException when the port is taken) when it cannot. */
    public static MetricsServer start(int port, Supplier<MetricSnapshots> metrics) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register((MultiCollector) metrics::get);
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "pgctl-metrics-http");
            t.setDaemon(true);
            return t;
        });
        try {
            return new MetricsServer(HTTPServer.builder().port(port).registry(registry).executorService(threads)
                    .buildAndStart());
        } catch (IOException | RuntimeException e) {
            threads.shutdownNow();
            throw e;
        }
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
