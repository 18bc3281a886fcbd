package dev.pgctl.retention;

import dev.pgctl.retention.CalendarPolicy.Period;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which backups a {@link CalendarPolicy} keeps. Pure; table-tested in CalendarRetentionTest.
 *
 * <p>Each rule {@code period=N} looks at the N most recent periods of the calendar (UTC), the current one
 * included: days, ISO weeks (Monday to Sunday, week 53 included), months, years. In each of them, the first full
 * backup (by start) is kept; a period without a full keeps nothing (a missed week is not made up by an older
 * one). On top of the rules: the newest full is always kept, so a policy never leaves a repository without
 * one, and so are the differential and incremental backups taken after it (the point-in-time window, which
 * replays from there); (pgctl prune does not run while a restore drill does.) Every other backup expires: older
 * differential and incremental backups, and full backups no rule keeps (pgBackRest expires a full with the
 * backups that depend on it).
 */
public final class CalendarRetention {
    private CalendarRetention() {
    }

    /** A backup as the policy sees it. */
    public record Backup(String label, String type, Instant start) {
        boolean full() {
            return type.equals("full");
        }
    }

    /**
     * The verdict on one backup.
     *
     * @param keep    kept (else expired)
     * @param reasons why: each rule that keeps it, or why it expires (one line)
     * @param until   for a backup only rules keep: the first day (UTC) on which none of them reaches it any more, so
     *                the prune of that day expires it; empty when it expires now or is kept by what later backups
     *                change (the newest full, the point-in-time window)
     */
    public record Verdict(Backup backup, boolean keep, List<String> reasons, Optional<LocalDate> until) {
        public Verdict {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * @param backups the repository's backups, in any order
     * @param now     the date the periods are counted back from
     * @return one verdict per backup, oldest first
     */
    public static List<Verdict> decide(CalendarPolicy policy, List<Backup> backups, Instant now) {
        List<Backup> sorted = backups.stream().sorted(Comparator.comparing(Backup::start)).toList();
        Map<String, List<String>> keptBy = new LinkedHashMap<>();
        Map<String, LocalDate> until = new LinkedHashMap<>();
        List<Backup> fulls = sorted.stream().filter(Backup::full).toList();
        for (Period p : Period.values()) {
            int n = policy.count(p);
            if (n == 0) {
                continue;
            }
            List<String> window = window(p, date(now), n);
            Map<String, Backup> firstOf = new LinkedHashMap<>();
            for (Backup b : fulls) {
                firstOf.putIfAbsent(key(p, date(b.start())), b);
            }
            for (String k : window) {
                Backup b = firstOf.get(k);
                if (b != null) {
                    keptBy.computeIfAbsent(b.label(), x -> new ArrayList<>()).add(p.word() + " " + k);
                    until.merge(b.label(), leavesWindow(p, date(b.start()), n), (x, y) -> x.isAfter(y) ? x : y);
                }
            }
        }
        Optional<Backup> newestFull = fulls.isEmpty() ? Optional.empty() : Optional.of(fulls.get(fulls.size() - 1));
        List<Verdict> out = new ArrayList<>();
        for (Backup b : sorted) {
            List<String> reasons = new ArrayList<>(keptBy.getOrDefault(b.label(), List.of()));
            if (newestFull.isPresent() && b.label().equals(newestFull.get().label())) {
                reasons.add("the newest full backup (always kept)");
            }
            boolean afterNewest = !b.full() && newestFull.map(f -> b.start().isAfter(f.start())).orElse(true);
            if (afterNewest) {
                reasons.add("point-in-time window (taken after the newest full)");
            }
            boolean onlyRules = reasons.size() == keptBy.getOrDefault(b.label(), List.of()).size();
            if (!reasons.isEmpty()) {
                out.add(new Verdict(b, true, reasons,
                        onlyRules ? Optional.ofNullable(until.get(b.label())) : Optional.empty()));
            } else if (b.full()) {
                out.add(new Verdict(b, false, List.of("no rule keeps it"), Optional.empty()));
            } else {
                out.add(new Verdict(b, false, List.of("before the newest full: differential and incremental backups "
                        + "are kept only in the point-in-time window"), Optional.empty()));
            }
        }
        return out;
    }

    /**
     * The labels to hand to {@code pgbackrest expire --set}, one call each, newest first: a differential or
     * incremental backup goes before the backup it depends on, so that no call removes a set a later call
     * names. No kept backup depends on an expired one: the kept differential and incremental backups are all
     * in the newest full's chain.
     */
    public static List<String> expireOrder(List<Verdict> verdicts) {
        List<String> sets = new ArrayList<>();
        for (int i = verdicts.size() - 1; i >= 0; i--) {
            if (!verdicts.get(i).keep()) {
                sets.add(verdicts.get(i).backup().label());
            }
        }
        return sets;
    }

    static LocalDate date(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    /** The key of the period holding {@code d}: 2026-11-22, 2026-W47, 2026-11, 2026. */
    static String key(Period p, LocalDate d) {
        return switch (p) {
            case DAILY -> d.toString();
            case WEEKLY -> String.format("%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTHLY -> YearMonth.from(d).toString();
            case YEARLY -> Integer.toString(d.getYear());
        };
    }

    /** The first day on which the {@code n} most recent periods of {@code p} no longer include {@code d}'s. */
    static LocalDate leavesWindow(Period p, LocalDate d, int n) {
        return switch (p) {
            case DAILY -> d.plusDays(n);
            case WEEKLY -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(n);
            case MONTHLY -> d.withDayOfMonth(1).plusMonths(n);
            case YEARLY -> d.withDayOfYear(1).plusYears(n);
        };
    }

    /** The keys of the {@code n} most recent periods, the one holding {@code today} first. */
    static List<String> window(Period p, LocalDate today, int n) {
        List<String> keys = new ArrayList<>(n);
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        for (int i = 0; i < n; i++) {
            LocalDate d = switch (p) {
                case DAILY -> today.minusDays(i);
                case WEEKLY -> monday.minusWeeks(i);
                case MONTHLY -> today.withDayOfMonth(1).minusMonths(i);
                case YEARLY -> today.withDayOfYear(1).minusYears(i);
            };
            keys.add(key(p, d));
        }
        return keys;
    }
}
