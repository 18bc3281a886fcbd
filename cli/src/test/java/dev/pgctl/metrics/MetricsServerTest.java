package dev.pgctl.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.net.BindException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The Prometheus client's HTTP server as pgctl monitor runs it, on loopback. */
class MetricsServerTest {
    static MetricSnapshots one(double v) {
        return MetricSnapshots.of(GaugeSnapshot.builder().name("pgctl_up").help("h")
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(v).build()).build());
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void servesEachScrapeWhatTheSupplierGivesInTheTextFormat() throws Exception {
        AtomicInteger scrapes = new AtomicInteger();
        int port = freePort();
        try (MetricsServer server = MetricsServer.start(port, () -> one(scrapes.incrementAndGet()))) {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
            HttpResponse<String> first = client.send(get, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, first.statusCode());
            assertTrue(first.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), first.headers().toString());
            assertTrue(first.body().contains("pgctl_up 1.0"), first.body());
            // what Prometheus with native histograms sends: protobuf first
            HttpRequest prom = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).header("Accept",
                    "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,"
                            + "text/plain;version=0.0.4;q=0.3,*/*;q=0.1").build();
            HttpResponse<String> second = client.send(prom, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, second.statusCode(), second.body());
            assertTrue(second.headers().firstValue("Content-Type").orElse("").startsWith("application/vnd.google.protobuf"),
                    second.headers().toString());
        }
    }

    @Test
    void aPortInUseFailsToStartWithABindException() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThrows(BindException.class, () -> MetricsServer.start(taken.getLocalPort(), () -> one(1)));
        }
    }
}
