package dev.pgctl.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.config.Secret;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sender against a real HTTP server on localhost: retries, timeouts, and messages without the URL. */
class WebhookTest {
    static final Webhook.Limits FAST = new Webhook.Limits(Duration.ofMillis(500), Duration.ofMillis(500), 3, Duration.ofMillis(50));
    static final String TOKEN = "/hooks/T0KEN-abc123";

    @Test
    void aPostIsDeliveredOnce() throws Exception {
        try (Receiver rx = new Receiver()) {
            Webhook w = new Webhook("PGCTL_NOTIFY_URL", new Secret(rx.url(TOKEN)), FAST);
            Webhook.Result r = w.post("{\"text\":\"hi\"}");
            assertEquals(new Webhook.Result(true, "HTTP 200"), r);
            assertEquals(List.of(new Receiver.Request("POST", TOKEN, "{\"text\":\"hi\"}")), rx.requests());
        }
    }

    @Test
    void aServerErrorIsRetriedWithBackoffThenReportedWithoutTheUrl() throws Exception {
        try (Receiver rx = new Receiver().answering(503)) {
            Webhook w = new Webhook("PGCTL_NOTIFY_URL", new Secret(rx.url(TOKEN)), FAST);
            Webhook.Result r = w.post("{}");
            assertFalse(r.delivered());
            assertEquals("HTTP 503 after 3 attempts", r.outcome());
            assertEquals(3, rx.requests().size());
            List<String> warned = new ArrayList<>();
            w.report("the test alert", r, warned::add);
            assertEquals(List.of("PGCTL_NOTIFY_URL: the test alert failed: HTTP 503 after 3 attempts"), warned);
        }
    }

    @Test
    void aRefusalIsNotRetried() throws Exception {
        try (Receiver rx = new Receiver().answering(404)) {
            Webhook.Result r = new Webhook("PGCTL_NOTIFY_URL", new Secret(rx.url(TOKEN)), FAST).post("{}");
            assertEquals("HTTP 404 (not retried: the receiver refuses the request)", r.outcome());
            assertEquals(1, rx.requests().size());
        }
    }

    @Test
    void aHungReceiverCostsAtMostTheAttemptsTimeouts() throws Exception {
        try (Receiver rx = new Receiver().hanging(5000)) {
            long start = System.nanoTime();
            Webhook.Result r = new Webhook("PGCTL_NOTIFY_HEARTBEAT_URL", new Secret(rx.url(TOKEN)), FAST).get();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals("no answer within the timeout after 3 attempts", r.outcome());
            assertTrue(took.compareTo(FAST.worst().plusSeconds(1)) < 0, "took " + took + ", worst case " + FAST.worst());
        }
    }

    @Test
    void nobodyListening() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Webhook.Result r = new Webhook("PGCTL_NOTIFY_URL", new Secret("http://127.0.0.1:" + port + TOKEN), FAST).post("{}");
        assertEquals("connection refused after 3 attempts", r.outcome());
    }

    @Test
    void theWorstCasesAreBounded() {
        assertEquals(Duration.ofSeconds(18), Webhook.Limits.ALERTS.worst());
        assertEquals(Duration.ofSeconds(9), Webhook.Limits.AFTER_BACKUP.worst());
    }
}
