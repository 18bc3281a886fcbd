package dev.pgctl.notify;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Locale;

/**
 * When an alert is sent: a pure state machine, table-tested in AlertsTest. {@link #next} compares the active
 * conditions with what was last delivered and says what to send; {@link #delivered} records what the webhook took.
 *
 * <ul>
 * <li>A condition that appears is sent {@code firing}; one that disappears is sent {@code resolved}, but only if its
 * firing was delivered (a receiver never hears of an alert only as resolved).
 * <li>One that stays firing is sent again once {@code repeat} has passed since its last delivery, never sooner.
 * <li>A notification the webhook did not take stays due and is tried again at a later evaluation, after a pause
 * that doubles with each failed round ({@link #retryDelay}: 30 s, 1 min, 2 min, ... at most 30 min); the pause
 * holds back every notification, so that a dead webhook costs one warning line per round, not per evaluation.
 * </ul>
 */
public final class Alerts {
    /** The first pause after a failed round of deliveries; it doubles up to {@link #RETRY_MAX}. */
    public static final Duration RETRY_FIRST = Duration.ofSeconds(30);
    public static final Duration RETRY_MAX = Duration.ofMinutes(30);

    private Alerts() {
    }

    public enum Status {
        FIRING, RESOLVED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One notification to send.
     *
     * @param condition the condition (for a resolved one: as it was last seen firing)
     * @param since     when it started firing
     * @param repeat    a repeat of a firing alert that was already delivered
     */
    public record Event(Status status, Condition condition, Instant since, boolean repeat) {
    }

    /**
     * A condition pgctl knows of.
     *
     * @param condition  as last seen
     * @param since      when it started firing (ISO instant: the state file is plain JSON)
     * @param sent       when its firing was last delivered (empty: not yet)
     * @param resolved   it is no longer active; its resolved notification is due
     */
    public record Entry(Condition condition, String since, Optional<String> sent, boolean resolved) {
        Entry(Condition condition, Instant since, Optional<Instant> sent, boolean resolved) {
            this(condition, since.toString(), sent.map(Instant::toString), resolved);
        }

        Instant sinceTime() {
            return Instant.parse(since);
        }

        Optional<Instant> sentTime() {
            return sent.map(Instant::parse);
        }
    }

    /**
     * What was delivered, persisted between evaluations (JSON in the run directory: {@link AlertStore}).
     *
     * @param entries      by condition id (payload name)
     * @param failedRounds rounds of deliveries in a row in which the webhook failed
     * @param retryAt      no delivery before this (after a failed round)
     */
    public record State(Map<String, Entry> entries, int failedRounds, Optional<String> retryAt) {
        public static final State EMPTY = new State(Map.of(), 0, Optional.empty());

        public State {
            entries = Map.copyOf(new TreeMap<>(entries));
        }

        /** The conditions firing as delivered or due (not those whose resolution is due). */
        @JsonIgnore
        public List<Entry> firing() {
            return entries.values().stream().filter(e -> !e.resolved()).toList();
        }
    }

    /** What to send now, and the state to keep until the deliveries are known. */
    public record Step(List<Event> events, State state) {
    }

    /** The notifications due at {@code now} for the {@code active} conditions. Pure. */
    public static Step next(State prev, List<Condition> active, Instant now, Duration repeat) {
        Map<String, Entry> entries = new TreeMap<>();
        List<Event> due = new ArrayList<>();
        for (Condition c : active) {
            String id = c.id().wire();
            Entry e = prev.entries().get(id);
            if (e == null || e.resolved() && e.sent().isEmpty()) {
                entries.put(id, new Entry(c, now, Optional.empty(), false));
                due.add(new Event(Status.FIRING, c, now, false));
                continue;
            }
            // active again before its resolution went out: it never stopped, as far as the receiver knows
            entries.put(id, new Entry(c, e.since(), e.sent(), false));
            if (e.sent().isEmpty()) {
                due.add(new Event(Status.FIRING, c, e.sinceTime(), false));
            } else if (!Duration.between(e.sentTime().get(), now).minus(repeat).isNegative()) {
                due.add(new Event(Status.FIRING, c, e.sinceTime(), true));
            }
        }
        prev.entries().forEach((id, e) -> {
            if (entries.containsKey(id) || e.sent().isEmpty()) {
                return; // still active, or it never reached anybody: nothing to resolve
            }
            entries.put(id, new Entry(e.condition(), e.since(), e.sent(), true));
            due.add(new Event(Status.RESOLVED, e.condition(), e.sinceTime(), false));
        });
        State state = new State(entries, prev.failedRounds(), prev.retryAt());
        boolean pausing = prev.retryAt().isPresent() && now.isBefore(Instant.parse(prev.retryAt().get()));
        return new Step(pausing ? List.of() : List.copyOf(due), state);
    }

    /**
     * The state after a round of deliveries: each event in {@code delivered} was taken by the webhook, the others
     * in {@code sent} were not (and stay due). Pure.
     */
    public static State delivered(State state, List<Event> sent, List<Event> delivered, Instant now) {
        Map<String, Entry> entries = new TreeMap<>(state.entries());
        for (Event ev : delivered) {
            String id = ev.condition().id().wire();
            Entry e = entries.get(id);
            if (e == null) {
                continue;
            }
            if (ev.status() == Status.RESOLVED) {
                if (e.resolved()) {
                    entries.remove(id);
                }
            } else {
                entries.put(id, new Entry(e.condition(), e.since(), Optional.of(now.toString()), e.resolved()));
            }
        }
        if (sent.isEmpty()) {
            return new State(entries, state.failedRounds(), state.retryAt());
        }
        if (delivered.size() == sent.size()) {
            return new State(entries, 0, Optional.empty());
        }
        int rounds = state.failedRounds() + 1;
        return new State(entries, rounds, Optional.of(now.plus(retryDelay(rounds)).toString()));
    }

    /** The pause after {@code rounds} failed rounds in a row: 30 s, doubling, at most 30 min. */
    public static Duration retryDelay(int rounds) {
        Duration d = RETRY_FIRST;
        for (int i = 1; i < rounds && d.compareTo(RETRY_MAX) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(RETRY_MAX) > 0 ? RETRY_MAX : d;
    }
}
