package dev.pgctl.notify;

import dev.pgctl.config.Config;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Alerts and heartbeat, as the monitor's loop and {@code pgctl notify} drive them: the one entry point. Each
 * {@link #evaluate} judges the conditions ({@link Conditions#of}), sends what the state machine says is due
 * ({@link Alerts#next}) to PGCTL_NOTIFY_URL, beats PGCTL_NOTIFY_HEARTBEAT_URL when due, and keeps the state in the
 * run directory ({@link NotifyState}). Nothing here ever throws for a receiver that fails: it says so in a warning
 * line naming the variable, never the URL.
 */
public final class Notifier {
    public static final String URL_VARIABLE = "PGCTL_NOTIFY_URL";
    public static final String HEARTBEAT_VARIABLE = "PGCTL_NOTIFY_HEARTBEAT_URL";

    private final Config config;
    private final String host;
    private final Consumer<String> info;
    private final Consumer<String> warn;
    private final Clock clock;
    private final Redactor redactor;
    private final Optional<Webhook> alerts;
    private final Optional<Webhook> heartbeat;
    private final Optional<Webhook> heartbeatAfterBackup;

    /**
     * @param host the container's host name, as payloads name it ({@link #hostName})
     * @param info where a line about a delivered notification goes
     * @param warn where a line about a failed one goes
     */
    public Notifier(Config config, String host, Consumer<String> info, Consumer<String> warn, Clock clock) {
        this.config = config;
        this.host = host;
        this.info = info;
        this.warn = warn;
        this.clock = clock;
        this.redactor = Redactor.of(config);
        this.alerts = config.notifications().url().map(u -> new Webhook(URL_VARIABLE, u, Webhook.Limits.ALERTS));
        this.heartbeat = config.notifications().heartbeatUrl().map(u -> new Webhook(HEARTBEAT_VARIABLE, u, Webhook.Limits.ALERTS));
        this.heartbeatAfterBackup = config.notifications().heartbeatUrl()
                .map(u -> new Webhook(HEARTBEAT_VARIABLE, u, Webhook.Limits.AFTER_BACKUP));
    }

    /** The container's host name: HOSTNAME (Docker sets it to the container's), else the system's. */
    public static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Whether anything is configured to be notified. */
    public boolean enabled() {
        return alerts.isPresent() || heartbeat.isPresent();
    }

    /**
     * What one evaluation did.
     *
     * @param active    the active conditions
     * @param due       the alert notifications that were due (empty while pausing after a failed round)
     * @param delivered those the webhook took
     * @param heartbeat the periodic heartbeat's result, when one was due and sent
     */
    public record Round(List<Condition> active, List<Alerts.Event> due, List<Alerts.Event> delivered,
            Optional<Webhook.Result> heartbeat) {
        /** Everything due was delivered. */
        public boolean ok() {
            return delivered.size() == due.size() && heartbeat.map(Webhook.Result::delivered).orElse(true);
        }
    }

    /**
     * One evaluation on freshly gathered facts: the monitor's loop calls it once per interval (a minute or less, so
     * that an alert fires within archive_timeout + 2 minutes), {@code pgctl notify --once} once. Blocks at most
     * about 20 s for alerts plus 20 s for the heartbeat when the receivers hang; it holds the state's lock
     * meanwhile, so another evaluation waits.
     */
    public Round evaluate(Conditions.Facts facts) throws IOException {
        Instant now = clock.instant();
        List<Condition> active = Conditions.of(facts);
        try (FileChannel lock = NotifyState.lock(config.paths().runDir())) {
            NotifyState state = NotifyState.read(config.paths().runDir());
            List<Alerts.Event> due = List.of();
            List<Alerts.Event> delivered = new ArrayList<>();
            if (alerts.isPresent()) {
                Alerts.Step step = Alerts.next(state.alerts(), active, now, config.notifications().repeat());
                due = step.events();
                for (Alerts.Event e : due) {
                    String what = "the " + e.condition().id().wire() + " " + e.status().wire()
                            + (e.repeat() ? " (repeat)" : "") + " alert";
                    Webhook.Result r = alerts.get().post(Payload.of(e, config.stanza(), host, now, redactor).json());
                    if (!r.delivered()) {
                        // the rest stay due too: one dead receiver costs one round's timeouts, not one per alert
                        warn.accept(alerts.get().failure(what, r) + "; " + (due.size() - delivered.size())
                                + " alert(s) stay due and are tried again in "
                                + Alerts.retryDelay(state.alerts().failedRounds() + 1).toSeconds() + " s");
                        break;
                    }
                    info.accept("sent " + what + " (" + r.outcome() + ")");
                    delivered.add(e);
                }
                state = state.withAlerts(Alerts.delivered(step.state(), due, delivered, clock.instant()));
            }
            Optional<Webhook.Result> beat = Optional.empty();
            if (heartbeat.isPresent() && state.heartbeatDue(now, config.notifications().heartbeatInterval(),
                    Conditions.archivingHealthy(facts, active))) {
                Webhook.Result r = heartbeat.get().get();
                beat = Optional.of(r);
                if (heartbeat.get().report("the heartbeat", r, warn)) {
                    state = state.withHeartbeat(clock.instant());
                }
            }
            state.write(config.paths().runDir());
            return new Round(active, due, List.copyOf(delivered), beat);
        }
    }

    /**
     * The heartbeat after a successful backup: at most {@link Webhook.Limits#AFTER_BACKUP}'s worst case (9 s); a
     * failure is a warning line, never a failed backup. Empty when no heartbeat URL is set.
     */
    public Optional<Webhook.Result> afterBackup() {
        return heartbeatAfterBackup.map(w -> {
            Webhook.Result r = w.get();
            if (w.report("the heartbeat after the backup", r, warn)) {
                info.accept("heartbeat sent (" + r.outcome() + ")");
            }
            return r;
        });
    }

    /** {@code pgctl notify test}: a test alert and a heartbeat, each where configured. */
    public record Test(Optional<Webhook.Result> alert, Optional<Webhook.Result> heartbeat) {
    }

    public Test test() {
        Instant now = clock.instant();
        return new Test(alerts.map(w -> w.post(Payload.test(config.stanza(), host, now, redactor).json())),
                heartbeat.map(Webhook::get));
    }
}
