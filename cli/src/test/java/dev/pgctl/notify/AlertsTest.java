package dev.pgctl.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.json.Json;
import dev.pgctl.notify.Alerts.Event;
import dev.pgctl.notify.Alerts.State;
import dev.pgctl.notify.Alerts.Status;
import dev.pgctl.notify.Condition.Id;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When alerts are sent: evaluations in a row, each with the active conditions and whether the webhook takes them. */
class AlertsTest {
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    static final Duration REPEAT = Duration.ofHours(4);
    static final Condition STALLED = new Condition(Id.WAL_ARCHIVING_STALLED, Condition.Severity.CRITICAL, "stalled", "pgctl check");
    static final Condition FAILED = new Condition(Id.BACKUP_FAILED, Condition.Severity.WARNING, "failed", "pgctl backup full");

    /** One evaluation: at T0 + minutes, these conditions active, the webhook up or down; what is sent (status:id[:repeat]). */
    record Round(long minutes, List<Condition> active, boolean webhookUp, List<String> sent) {
    }

    static Round r(long minutes, List<Condition> active, boolean up, String... sent) {
        return new Round(minutes, active, up, List.of(sent));
    }

    static Stream<Arguments> table() {
        List<Condition> none = List.of();
        List<Condition> stalled = List.of(STALLED);
        List<Condition> both = List.of(FAILED, STALLED);
        return Stream.of(
                Arguments.of("nothing active: nothing sent", List.of(r(0, none, true), r(1, none, true))),
                Arguments.of("fires once, resolves once", List.of(
                        r(0, stalled, true, "firing:wal_archiving_stalled"),
                        r(1, stalled, true),
                        r(2, none, true, "resolved:wal_archiving_stalled"),
                        r(3, none, true))),
                Arguments.of("repeats after 4 h, never sooner", List.of(
                        r(0, stalled, true, "firing:wal_archiving_stalled"),
                        r(239, stalled, true),
                        r(240, stalled, true, "firing:wal_archiving_stalled:repeat"),
                        r(479, stalled, true),
                        r(480, stalled, true, "firing:wal_archiving_stalled:repeat"))),
                Arguments.of("two conditions each on their own", List.of(
                        r(0, stalled, true, "firing:wal_archiving_stalled"),
                        r(1, both, true, "firing:backup_failed"),
                        r(2, List.of(FAILED), true, "resolved:wal_archiving_stalled"),
                        r(3, none, true, "resolved:backup_failed"))),
                Arguments.of("a firing the webhook did not take is tried again after 30 s, then 1 min", List.of(
                        r(0, stalled, false, "firing:wal_archiving_stalled"),
                        r(0, stalled, true),
                        r(1, stalled, false, "firing:wal_archiving_stalled"),
                        r(1, stalled, true),
                        r(2, stalled, true, "firing:wal_archiving_stalled"),
                        r(3, stalled, true))),
                Arguments.of("fired and resolved while the webhook was down: nobody hears of it", List.of(
                        r(0, stalled, false, "firing:wal_archiving_stalled"),
                        r(1, none, true),
                        r(2, none, true))),
                Arguments.of("a resolution the webhook did not take stays due", List.of(
                        r(0, stalled, true, "firing:wal_archiving_stalled"),
                        r(1, none, false, "resolved:wal_archiving_stalled"),
                        r(2, none, true, "resolved:wal_archiving_stalled"),
                        r(3, none, true))),
                Arguments.of("back before its resolution went out: it never stopped, no new firing", List.of(
                        r(0, stalled, true, "firing:wal_archiving_stalled"),
                        r(1, none, false, "resolved:wal_archiving_stalled"),
                        r(2, stalled, true),
                        r(240, stalled, true, "firing:wal_archiving_stalled:repeat"))),
                Arguments.of("back after its resolution went out: a new firing", List.of(
                        r(0, stalled, true, "firing:wal_archiving_stalled"),
                        r(1, none, true, "resolved:wal_archiving_stalled"),
                        r(2, stalled, true, "firing:wal_archiving_stalled"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void rounds(String name, List<Round> rounds) throws Exception {
        State state = State.EMPTY;
        for (Round round : rounds) {
            Instant now = T0.plus(Duration.ofMinutes(round.minutes()));
            Alerts.Step step = Alerts.next(state, round.active(), now, REPEAT);
            List<String> sent = step.events().stream().map(e -> e.status().wire() + ":" + e.condition().id().wire()
                    + (e.repeat() ? ":repeat" : "")).toList();
            assertEquals(round.sent(), sent, name + ", at minute " + round.minutes());
            state = Alerts.delivered(step.state(), step.events(), round.webhookUp() ? step.events() : List.of(), now);
            // the state survives a restart of the monitor: what is read back is what was written
            state = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(state), State.class);
        }
    }

    @Test
    void theFiringSinceIsKeptAcrossRepeatsAndTheResolution() {
        State s = State.EMPTY;
        List<Event> all = new ArrayList<>();
        for (long m : new long[] {0, 240, 241}) {
            Instant now = T0.plus(Duration.ofMinutes(m));
            Alerts.Step step = Alerts.next(s, m < 241 ? List.of(STALLED) : List.of(), now, REPEAT);
            all.addAll(step.events());
            s = Alerts.delivered(step.state(), step.events(), step.events(), now);
        }
        assertEquals(List.of(Status.FIRING, Status.FIRING, Status.RESOLVED), all.stream().map(Event::status).toList());
        assertTrue(all.stream().allMatch(e -> e.since().equals(T0)), all.toString());
        assertEquals(State.EMPTY.entries(), s.entries());
    }

    @Test
    void thePauseAfterFailedRoundsDoublesUpTo30Minutes() {
        assertEquals(List.of(30L, 60L, 120L, 240L, 480L, 960L, 1800L, 1800L, 1800L),
                Stream.of(1, 2, 3, 4, 5, 6, 7, 8, 100).map(n -> Alerts.retryDelay(n).toSeconds()).toList());
    }

    @Test
    void aDeliveredRoundEndsThePause() {
        Alerts.Step s1 = Alerts.next(State.EMPTY, List.of(STALLED), T0, REPEAT);
        State failed = Alerts.delivered(s1.state(), s1.events(), List.of(), T0);
        assertEquals(1, failed.failedRounds());
        Alerts.Step s2 = Alerts.next(failed, List.of(STALLED), T0.plusSeconds(30), REPEAT);
        State ok = Alerts.delivered(s2.state(), s2.events(), s2.events(), T0.plusSeconds(30));
        assertEquals(0, ok.failedRounds());
        assertTrue(ok.retryAt().isEmpty());
    }
}
