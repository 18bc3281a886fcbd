package dev.pgctl.notify;

import dev.pgctl.json.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the notifier keeps between evaluations, in the run directory ({@link #FILE}): the alerts as delivered and
 * the last heartbeat. A restart of the monitor (or of the container: the run directory is in the container's
 * file system) reads it back, so nothing is sent twice; a new container starts without it, and sends its active
 * conditions once as new.
 *
 * @param alerts        the alert state machine's state ({@link Alerts})
 * @param lastHeartbeat when the heartbeat URL last answered 2xx (ISO instant)
 */
public record NotifyState(Alerts.State alerts, Optional<String> lastHeartbeat) {
    public static final String FILE = "notify-state.json";
    public static final NotifyState EMPTY = new NotifyState(Alerts.State.EMPTY, Optional.empty());

    /**
     * How much earlier than a full interval a heartbeat is due. Evaluations come about once a minute (the
     * monitor's repository reads, started by a 10 s tick, each ending when S3 answers), so two of them are a
     * few seconds more or less than a minute apart: without this, an interval of 60 s would beat every
     * other evaluation, once per two minutes (seen in the notify scenario: 128 s). A beat a little early is
     * harmless; one a whole evaluation late makes a service that expects one per interval raise a false alarm.
     */
    public static final Duration HEARTBEAT_EARLY = Duration.ofSeconds(10);

    /**
     * Whether a periodic heartbeat is due: archiving healthy and none within {@code interval} less
     * {@link #HEARTBEAT_EARLY}. Pure.
     */
    public boolean heartbeatDue(Instant now, Duration interval, boolean archivingHealthy) {
        Duration wait = interval.minus(HEARTBEAT_EARLY);
        return archivingHealthy && lastHeartbeat.map(Instant::parse)
                .map(t -> !Duration.between(t, now).minus(wait).isNegative()).orElse(true);
    }

    public NotifyState withAlerts(Alerts.State s) {
        return new NotifyState(s, lastHeartbeat);
    }

    public NotifyState withHeartbeat(Instant t) {
        return new NotifyState(alerts, Optional.of(t.toString()));
    }

    /** The state in {@code runDir}; the empty state when there is none or it cannot be read (it is rebuilt). */
    public static NotifyState read(Path runDir) {
        try {
            return Json.MAPPER.readValue(runDir.resolve(FILE).toFile(), NotifyState.class);
        } catch (IOException | RuntimeException e) {
            return EMPTY;
        }
    }

    public void write(Path runDir) throws IOException {
        Json.writeAtomically(runDir, FILE, this);
    }

    /**
     * Takes the state's lock, so that one evaluation runs at a time (the monitor's loop and a {@code pgctl notify}
     * by hand); closing the channel releases it.
     */
    public static FileChannel lock(Path runDir) throws IOException {
        FileChannel ch = FileChannel.open(runDir.resolve(".notify.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            ch.lock();
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }
}
