package dev.pgctl.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.retention.CalendarPolicy.Period;
import dev.pgctl.retention.CalendarRetention.Backup;
import dev.pgctl.retention.CalendarRetention.Verdict;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CalendarRetentionTest {
    static CalendarPolicy policy(String text) {
        return CalendarPolicy.parse(text).policy().orElseThrow();
    }

    static Backup full(String at) {
        return backup("F", "full", at);
    }

    static Backup backup(String suffix, String type, String at) {
        Instant t = Instant.parse(at);
        String label = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(t.atZone(ZoneOffset.UTC)) + suffix;
        return new Backup(label, type, t);
    }

    static List<String> kept(List<Verdict> vs) {
        return vs.stream().filter(Verdict::keep).map(v -> v.backup().start().toString().substring(0, 10)
                + " " + v.backup().type()).toList();
    }

    /** A year as the default schedules make it: a full every Sunday at 01:00, a diff on the other days. */
    static List<Backup> year(LocalDate from, LocalDate to, Set<LocalDate> missed) {
        List<Backup> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (missed.contains(d)) {
                continue;
            }
            String at = d + "T01:00:00Z";
            out.add(d.getDayOfWeek() == DayOfWeek.SUNDAY ? full(at) : backup("D", "diff", at));
        }
        return out;
    }

    @Test
    void aYearOfWeeklyFullsAndDailyDiffs() {
        List<Backup> backups = year(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-29"), Set.of());
        List<Verdict> vs = CalendarRetention.decide(policy("daily=7,weekly=4,monthly=12,yearly=2"), backups,
                Instant.parse("2026-12-30T12:00:00Z"));
        assertEquals(List.of(
                "2026-01-04 full", // yearly 2026, monthly 2026-01
                "2026-02-01 full", "2026-03-01 full", "2026-04-05 full", "2026-05-03 full", "2026-06-07 full",
                "2026-07-05 full", "2026-08-02 full", "2026-09-06 full", "2026-10-04 full", "2026-11-01 full",
                "2026-12-06 full", // monthly
                "2026-12-13 full", "2026-12-20 full", // weekly W50, W51
                "2026-12-27 full", // weekly W52, daily, the newest
                "2026-12-28 diff", "2026-12-29 diff"), // the point-in-time window
                kept(vs));
        Verdict newest = vs.stream().filter(v -> v.backup().start().toString().startsWith("2026-12-27")).findFirst()
                .orElseThrow();
        assertEquals(List.of("daily 2026-12-27", "weekly 2026-W52", "the newest full backup (always kept)"),
                newest.reasons());
        Verdict first = vs.stream().filter(v -> v.backup().start().toString().startsWith("2026-01-04")).findFirst()
                .orElseThrow();
        assertEquals(List.of("monthly 2026-01", "yearly 2026"), first.reasons());
        assertEquals(Optional.of(LocalDate.parse("2028-01-01")), first.until(), "yearly=2 reaches 2026 until 2027 ends");
        assertEquals(Optional.empty(), newest.until(), "the newest full stays until a newer one");
        assertEquals(Optional.of(LocalDate.parse("2027-01-04")), vs.stream().filter(v -> v.backup().start().toString()
                .startsWith("2026-12-13")).findFirst().orElseThrow().until(), "weekly=4 reaches W50 through W53 (2026 has one): gone when 2027-W01 begins");
        assertEquals(List.of("no rule keeps it"), vs.stream().filter(v -> v.backup().start().toString()
                .startsWith("2026-01-11")).findFirst().orElseThrow().reasons());
        assertTrue(vs.stream().filter(v -> v.backup().start().toString().startsWith("2026-12-26")).findFirst()
                .orElseThrow().reasons().get(0).startsWith("before the newest full"));
    }

    @Test
    void aMissedWeekIsNotMadeUpByAnOlderOne() {
        List<Backup> backups = year(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-12-29"),
                Set.of(LocalDate.parse("2026-12-13")));
        List<Verdict> vs = CalendarRetention.decide(policy("weekly=4"), backups, Instant.parse("2026-12-30T12:00:00Z"));
        assertEquals(List.of("2026-12-20 full", "2026-12-27 full", "2026-12-28 diff", "2026-12-29 diff"), kept(vs),
                "W53 (this week, no full yet), W52, W51 and W50 (missed): 2026-12-06 (W49) is outside the four weeks");
    }

    static Stream<Arguments> weekKeys() {
        return Stream.of(
                Arguments.of("2026-12-28", "2026-W53"), Arguments.of("2027-01-03", "2026-W53"),
                Arguments.of("2027-01-04", "2027-W01"), Arguments.of("2020-12-31", "2020-W53"),
                Arguments.of("2021-01-01", "2020-W53"), Arguments.of("2025-12-29", "2026-W01"),
                Arguments.of("2024-02-29", "2024-W09"));
    }

    @ParameterizedTest(name = "{0} is in {1}")
    @MethodSource("weekKeys")
    void isoWeeksIncludingWeek53(String date, String key) {
        assertEquals(key, CalendarRetention.key(Period.WEEKLY, LocalDate.parse(date)));
    }

    @Test
    void weeklyWindowsCrossWeek53AndTheNewYear() {
        assertEquals(List.of("2027-W01", "2026-W53", "2026-W52"),
                CalendarRetention.window(Period.WEEKLY, LocalDate.parse("2027-01-06"), 3));
        assertEquals(List.of("2027-02", "2027-01", "2026-12"), CalendarRetention.window(Period.MONTHLY, LocalDate.parse("2027-02-28"), 3));
        assertEquals(List.of("2028-03-01", "2028-02-29", "2028-02-28"),
                CalendarRetention.window(Period.DAILY, LocalDate.parse("2028-03-01"), 3));
    }

    @Test
    void monthEndsAndTheLeapDayCountByUtcDate() {
        List<Backup> backups = List.of(full("2028-01-31T23:59:59Z"), full("2028-02-01T00:00:00Z"),
                full("2028-02-29T10:00:00Z"), full("2028-02-29T20:00:00Z"), full("2028-03-01T00:00:01Z"));
        assertEquals(List.of("2028-01-31 full", "2028-02-01 full", "2028-03-01 full"),
                kept(CalendarRetention.decide(policy("monthly=3"), backups, Instant.parse("2028-03-01T12:00:00Z"))),
                "the first full of January, February and March; March's is also the newest");
        List<Verdict> leap = CalendarRetention.decide(policy("daily=2"), backups, Instant.parse("2028-03-01T12:00:00Z"));
        assertEquals(List.of("2028-02-29 full", "2028-03-01 full"), kept(leap));
        assertEquals("2028-02-29T10:00:00Z", leap.stream().filter(Verdict::keep).findFirst().orElseThrow().backup()
                .start().toString(), "the first full of the leap day, not the second");
    }

    @Test
    void theNewestFullIsAlwaysKeptEvenWhenNoRuleReachesIt() {
        List<Verdict> vs = CalendarRetention.decide(policy("daily=1"), List.of(full("2026-01-04T01:00:00Z"),
                full("2026-01-11T01:00:00Z"), backup("I", "incr", "2026-01-11T02:00:00Z")),
                Instant.parse("2026-06-01T00:00:00Z"));
        assertEquals(List.of("2026-01-11 full", "2026-01-11 incr"), kept(vs));
        assertEquals(List.of(), kept(CalendarRetention.decide(policy("daily=1"), List.of(),
                Instant.parse("2026-06-01T00:00:00Z"))));
    }

    @Test
    void expiredSetsGoNewestFirstSoNoneIsGoneBeforeItsCall() {
        List<Backup> backups = List.of(full("2026-01-04T01:00:00Z"), backup("D", "diff", "2026-01-05T01:00:00Z"),
                backup("I", "incr", "2026-01-05T02:00:00Z"), full("2026-01-11T01:00:00Z"),
                backup("I", "incr", "2026-01-11T02:00:00Z"));
        List<Verdict> vs = CalendarRetention.decide(policy("daily=1"), backups, Instant.parse("2026-01-11T12:00:00Z"));
        assertEquals(List.of("20260105-020000I", "20260105-010000D", "20260104-010000F"), CalendarRetention.expireOrder(vs));
    }

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("daily=7,weekly=4,monthly=12,yearly=2", "daily=7,weekly=4,monthly=12,yearly=2", null),
                Arguments.of(" yearly = 2 , daily=7 ", "daily=7,yearly=2", null),
                Arguments.of("WEEKLY=4", "weekly=4", null),
                Arguments.of("", null, "is empty"),
                Arguments.of("daily=7,", null, "has an empty rule (two commas, or one at an end)"),
                Arguments.of("daily", null, "rule 'daily' has no '=' (write period=count)"),
                Arguments.of("hourly=3", null, "'hourly' is not a period (daily, weekly, monthly, yearly)"),
                Arguments.of("daily=7,daily=3", null, "names daily twice"),
                Arguments.of("daily=seven", null, "daily='seven' is not a whole number"),
                Arguments.of("weekly=0", null, "weekly=0 is out of range (1 to 36500; leave a period out to keep none of it)"),
                Arguments.of("monthly=-1", null, "monthly=-1 is out of range (1 to 36500; leave a period out to keep none of it)"));
    }

    @ParameterizedTest(name = "''{0}''")
    @MethodSource("texts")
    void parsesAPolicyOrSaysWhyNot(String text, String policy, String defect) {
        CalendarPolicy.CalendarPolicyOrDefect r = CalendarPolicy.parse(text);
        assertEquals(policy, r.policy().map(CalendarPolicy::text).orElse(null));
        assertEquals(defect, r.defect().map(CalendarPolicy.Defect::why).orElse(null));
    }

    @Test
    void countsOfAPolicy() {
        assertEquals(Map.of(Period.DAILY, 7, Period.YEARLY, 2), policy("daily=7,yearly=2").counts());
    }
}
