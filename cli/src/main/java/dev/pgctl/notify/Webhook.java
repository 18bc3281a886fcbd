package dev.pgctl.notify;

import dev.pgctl.config.Secret;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import java.net.UnknownHostException;

/**
 * Calls one notification URL (the alert webhook or the heartbeat) with short timeouts and a bounded number of
 * attempts, with a doubling pause between them. What went wrong is said naming the variable and the HTTP status
 * or the kind of network error, never the URL (it carries the receiver's token) nor an exception's own text
 * (which may quote it). Never throws: a notification that fails is a warning, never a failed backup.
 */
public final class Webhook {
    /** How one call went: delivered on a 2xx answer; {@code outcome} is safe to print. */
    public record Result(boolean delivered, String outcome) {
    }

    /** Timeouts and attempts. */
    public record Limits(Duration connect, Duration request, int attempts, Duration firstPause) {
        /** The monitor's alerts: at most 3 × 5 s plus 1 s and 2 s of pauses. */
        public static final Limits ALERTS = new Limits(Duration.ofSeconds(5), Duration.ofSeconds(5), 3, Duration.ofSeconds(1));
        /** After a backup: at most 2 × 4 s plus 1 s, so the backup command ends at most 9 s later. */
        public static final Limits AFTER_BACKUP = new Limits(Duration.ofSeconds(4), Duration.ofSeconds(4), 2, Duration.ofSeconds(1));

        /** The most a call can take: every attempt timing out, plus the pauses. */
        public Duration worst() {
            Duration d = request.multipliedBy(attempts);
            Duration p = firstPause;
            for (int i = 1; i < attempts; i++) {
                d = d.plus(p);
                p = p.multipliedBy(2);
            }
            return d;
        }
    }

    private final String variable;
    private final Secret url;
    private final Limits limits;
    private final HttpClient client;

    /**
     * @param variable the variable the URL came from (PGCTL_NOTIFY_URL): what messages name
     * @param url      the URL, validated at start (http or https, a host)
     */
    public Webhook(String variable, Secret url, Limits limits) {
        this.variable = variable;
        this.url = url;
        this.limits = limits;
        this.client = HttpClient.newBuilder().connectTimeout(limits.connect())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public String variable() {
        return variable;
    }

    /** POSTs a JSON body. */
    public Result post(String json) {
        return call(HttpRequest.newBuilder(uri()).timeout(limits.request()).header("Content-Type", "application/json")
                .header("User-Agent", "pgctl").POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build());
    }

    /** GETs the URL (a heartbeat: healthchecks.io and Dead Man's Snitch take a plain GET). */
    public Result get() {
        return call(HttpRequest.newBuilder(uri()).timeout(limits.request()).header("User-Agent", "pgctl").GET().build());
    }

    private URI uri() {
        return URI.create(url.reveal());
    }

    private Result call(HttpRequest request) {
        String last = "";
        Duration pause = limits.firstPause();
        for (int attempt = 1; attempt <= limits.attempts(); attempt++) {
            try {
                HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    return new Result(true, "HTTP " + r.statusCode());
                }
                last = "HTTP " + r.statusCode();
                if (!retryable(r.statusCode())) {
                    return new Result(false, last + " (not retried: the receiver refuses the request)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(false, "interrupted");
            } catch (IOException | RuntimeException e) {
                last = describe(e);
            }
            if (attempt < limits.attempts()) {
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Result(false, last + ", interrupted");
                }
                pause = pause.multipliedBy(2);
            }
        }
        return new Result(false, last + " after " + limits.attempts() + " attempt" + (limits.attempts() == 1 ? "" : "s"));
    }

    /** A server error, a timeout or throttling may pass; any other 4xx (a wrong or revoked URL) will not. */
    static boolean retryable(int status) {
        return status / 100 == 5 || status == 408 || status == 429;
    }

    /** The kind of network error, in words of our own (an exception's text may quote the URL). */
    static String describe(Throwable e) {
        Throwable c = e;
        for (int i = 0; i < 5 && c != null; i++, c = c.getCause()) {
            if (c instanceof HttpConnectTimeoutException) {
                return "no connection within the timeout";
            }
            if (c instanceof HttpTimeoutException) {
                return "no answer within the timeout";
            }
            if (c instanceof ConnectException) {
                return "connection refused";
            }
            if (c instanceof UnresolvedAddressException || c instanceof UnknownHostException) {
                return "host name not found";
            }
            if (c instanceof SSLException) {
                return "TLS failed (is the receiver's certificate trusted?)";
            }
        }
        return "network error (" + e.getClass().getSimpleName() + ")";
    }

    /** The warning line for a call that failed: names the variable, never the URL. */
    public String failure(String what, Result r) {
        return variable + ": " + what + " failed: " + r.outcome();
    }

    /** Says a failed result through {@code warn}; returns whether it was delivered. */
    public boolean report(String what, Result r, Consumer<String> warn) {
        if (!r.delivered()) {
            warn.accept(failure(what, r));
        }
        return r.delivered();
    }
}
