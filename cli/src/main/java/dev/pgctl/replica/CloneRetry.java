package dev.pgctl.replica;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a replica's first copy of its primary waits, retries or gives up. Pure: the time is an argument.
 * <ul>
 * <li>a primary that does not accept connections yet is asked again every 2 s until PGCTL_PRIMARY_WAIT_TIMEOUT,
 * and the wait is logged every 10 s;</li>
 * <li>a refused replication login is retried every 5 s for at most 60 s (a new primary creates the role right
 * after it starts), and never longer than the timeout;</li>
 * <li>a replication slot that exists already is used, at once;</li>
 * <li>any other failure of pg_basebackup (see {@link CloneErrors}) is retried every 5 s until the timeout.</li>
 * </ul>
 * Every case CloneRetryTest's table covers.
 */
public final class CloneRetry {
    /** How long a refused replication login is retried: the primary creates the role right after it starts. */
    public static final Duration LOGIN_PATIENCE = Duration.ofSeconds(60);
    /** How often the wait for the primary is logged. */
    public static final Duration SAY_EVERY = Duration.ofSeconds(10);

    public enum Step {
        /** the primary does not accept connections yet: ask again */
        WAIT(Duration.ofSeconds(2)),
        /** the same, and log that the replica still waits */
        WAIT_AND_SAY(Duration.ofSeconds(2)),
        /** the slot to create exists on the primary: copy again at once, through it */
        USE_EXISTING_SLOT(Duration.ZERO),
        /** the primary refused the login: copy again */
        RETRY_LOGIN(Duration.ofSeconds(5)),
        /** the copy failed otherwise: copy again */
        RETRY(Duration.ofSeconds(5)),
        /** the primary did not accept connections before the timeout */
        GIVE_UP_UNREACHABLE(Duration.ZERO),
        /** the primary still refuses the login after the patience for it */
        GIVE_UP_LOGIN(Duration.ZERO),
        /** the copy still fails at the timeout */
        GIVE_UP_COPY(Duration.ZERO);

        private final Duration pause;

        Step(Duration pause) {
            this.pause = pause;
        }

        /** How long to wait before the next attempt. */
        public Duration pause() {
            return pause;
        }
    }

    /**
     * Where the wait stands.
     *
     * @param start         when the copy began
     * @param timeout       PGCTL_PRIMARY_WAIT_TIMEOUT
     * @param loginDeadline set by the first refused login
     * @param lastSaid      when the wait was last logged
     */
    public record State(Instant start, Duration timeout, Optional<Instant> loginDeadline, Instant lastSaid) {
        public static State begin(Instant now, Duration timeout) {
            return new State(now, timeout, Optional.empty(), Instant.EPOCH);
        }

        public Instant deadline() {
            return start.plus(timeout);
        }
    }

    /** The step to take, and the state after it. */
    public record Decision(Step step, State next) {
    }

    private CloneRetry() {
    }

    /** The primary did not accept a connection (pg_isready) at {@code now}. */
    public static Decision notAccepting(State s, Instant now) {
        if (now.isAfter(s.deadline())) {
            return new Decision(Step.GIVE_UP_UNREACHABLE, s);
        }
        if (Duration.between(s.lastSaid(), now).compareTo(SAY_EVERY) >= 0) {
            return new Decision(Step.WAIT_AND_SAY, new State(s.start(), s.timeout(), s.loginDeadline(), now));
        }
        return new Decision(Step.WAIT, s);
    }

    /** pg_basebackup failed with an error of this kind at {@code now}. */
    public static Decision copyFailed(State s, CloneErrors.Kind kind, Instant now) {
        return switch (kind) {
            case SLOT_EXISTS -> new Decision(Step.USE_EXISTING_SLOT, s);
            case AUTH -> {
                Instant loginDeadline = s.loginDeadline().orElseGet(() ->
                        now.plus(LOGIN_PATIENCE.compareTo(s.timeout()) < 0 ? LOGIN_PATIENCE : s.timeout()));
                State next = new State(s.start(), s.timeout(), Optional.of(loginDeadline), s.lastSaid());
                yield new Decision(now.isAfter(loginDeadline) ? Step.GIVE_UP_LOGIN : Step.RETRY_LOGIN, next);
            }
            case UNREACHABLE, NOT_READY, OTHER -> new Decision(now.isAfter(s.deadline()) ? Step.GIVE_UP_COPY : Step.RETRY, s);
        };
    }
}
