package dev.pgctl.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgctl.replica.CloneErrors.Kind;
import dev.pgctl.replica.CloneRetry.Decision;
import dev.pgctl.replica.CloneRetry.State;
import dev.pgctl.replica.CloneRetry.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CloneRetryTest {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    /** "not logged yet", "no refused login yet" */
    static final long NEVER = -1;
    /** the event "the primary did not accept a connection" (else: pg_basebackup failed with that kind) */
    static final Kind NOT_ACCEPTING = null;

    static Stream<Arguments> table() {
        return Stream.of(
                // event, at (s after start), timeout, login deadline, last said -> step, login deadline, last said
                // the primary is not up: ask every 2 s, log every 10 s, give up after the timeout
                row(NOT_ACCEPTING, 0, 30, NEVER, NEVER, Step.WAIT_AND_SAY, NEVER, 0),
                row(NOT_ACCEPTING, 4, 30, NEVER, 0, Step.WAIT, NEVER, 0),
                row(NOT_ACCEPTING, 9, 30, NEVER, 0, Step.WAIT, NEVER, 0),
                row(NOT_ACCEPTING, 10, 30, NEVER, 0, Step.WAIT_AND_SAY, NEVER, 10),
                row(NOT_ACCEPTING, 30, 30, NEVER, 20, Step.WAIT_AND_SAY, NEVER, 30),
                row(NOT_ACCEPTING, 31, 30, NEVER, 30, Step.GIVE_UP_UNREACHABLE, NEVER, 30),
                row(NOT_ACCEPTING, 1, 0, NEVER, NEVER, Step.GIVE_UP_UNREACHABLE, NEVER, NEVER),
                // the slot exists: use it at once, whatever the time
                row(Kind.SLOT_EXISTS, 5, 30, NEVER, 0, Step.USE_EXISTING_SLOT, NEVER, 0),
                row(Kind.SLOT_EXISTS, 500, 30, NEVER, 0, Step.USE_EXISTING_SLOT, NEVER, 0),
                // a refused login: 60 s of patience from the first refusal, never more than the timeout
                row(Kind.AUTH, 5, 600, NEVER, 0, Step.RETRY_LOGIN, 65, 0),
                row(Kind.AUTH, 65, 600, 65, 0, Step.RETRY_LOGIN, 65, 0),
                row(Kind.AUTH, 66, 600, 65, 0, Step.GIVE_UP_LOGIN, 65, 0),
                row(Kind.AUTH, 5, 30, NEVER, 0, Step.RETRY_LOGIN, 35, 0),
                row(Kind.AUTH, 36, 30, 35, 0, Step.GIVE_UP_LOGIN, 35, 0),
                row(Kind.AUTH, 5, 0, NEVER, 0, Step.RETRY_LOGIN, 5, 0),
                // anything else is retried every 5 s until the timeout
                row(Kind.UNREACHABLE, 29, 30, NEVER, 0, Step.RETRY, NEVER, 0),
                row(Kind.UNREACHABLE, 31, 30, NEVER, 0, Step.GIVE_UP_COPY, NEVER, 0),
                row(Kind.NOT_READY, 30, 30, NEVER, 0, Step.RETRY, NEVER, 0),
                row(Kind.NOT_READY, 31, 30, NEVER, 0, Step.GIVE_UP_COPY, NEVER, 0),
                row(Kind.OTHER, 10, 30, NEVER, 0, Step.RETRY, NEVER, 0),
                row(Kind.OTHER, 31, 30, 20, 0, Step.GIVE_UP_COPY, 20, 0));
    }

    static Arguments row(Kind event, long at, long timeout, long loginDeadline, long lastSaid, Step step,
            long nextLoginDeadline, long nextLastSaid) {
        State given = new State(T0, Duration.ofSeconds(timeout), instant(loginDeadline),
                instant(lastSaid).orElse(Instant.EPOCH));
        State next = new State(T0, Duration.ofSeconds(timeout), instant(nextLoginDeadline),
                instant(nextLastSaid).orElse(Instant.EPOCH));
        return Arguments.of(event == null ? "not accepting" : event.name(), at, given, step, next);
    }

    static Optional<Instant> instant(long secondsAfterStart) {
        return secondsAfterStart == NEVER ? Optional.empty() : Optional.of(T0.plusSeconds(secondsAfterStart));
    }

    @ParameterizedTest(name = "{0} at {1} s, {2} -> {3}")
    @MethodSource("table")
    void decides(String event, long at, State given, Step step, State next) {
        Instant now = T0.plusSeconds(at);
        Decision d = event.equals("not accepting") ? CloneRetry.notAccepting(given, now)
                : CloneRetry.copyFailed(given, Kind.valueOf(event), now);
        assertEquals(step, d.step());
        assertEquals(next, d.next());
    }

    static Stream<Arguments> pauses() {
        return Stream.of(Arguments.of(Step.WAIT, 2), Arguments.of(Step.WAIT_AND_SAY, 2), Arguments.of(Step.USE_EXISTING_SLOT, 0),
                Arguments.of(Step.RETRY_LOGIN, 5), Arguments.of(Step.RETRY, 5));
    }

    @ParameterizedTest(name = "{0} waits {1} s")
    @MethodSource("pauses")
    void pausesBeforeTheNextAttempt(Step step, int seconds) {
        assertEquals(Duration.ofSeconds(seconds), step.pause());
    }
}
