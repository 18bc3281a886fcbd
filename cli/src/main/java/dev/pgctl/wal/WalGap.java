package dev.pgctl.wal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WAL that pgBackRest dropped to keep PostgreSQL up (PGCTL_WAL_BACKLOG_MAX, rendered as pgBackRest's
 * {@code archive-push-queue-max}): the repository lacks those segments, so no restore can replay past the first
 * of them, and the latest state is restorable again only from a backup taken after the last of them. A loud,
 * persistent state ({@link WalGapStore}, run directory): it clears only when such a full backup succeeded.
 * The rules are pure and table-tested (WalGapTest).
 *
 * @param from           where point-in-time recovery stops: the last time WAL really reached the repository before
 *                       the first drop (pg_stat_archiver before it), or, when that was not seen, the first drop
 * @param to             the newest drop seen
 * @param firstSegment   the first dropped segment
 * @param lastSegment    the newest dropped segment
 * @param segments       how many segments were dropped (as seen)
 * @param backupAttempts full backups pgctl tried since (after a failure it tries again at the next tick that finds
 *                       the repository reachable)
 */
public record WalGap(String from, String to, String firstSegment, String lastSegment, long segments, int backupAttempts) {

    /**
     * One segment pgBackRest reported as dropped: its status file in the spool says so.
     *
     * @param segment the WAL segment's name
     * @param at      when the status file was written
     */
    public record Drop(String segment, Instant at) {
    }

    private static final Pattern LOGGED = Pattern.compile(
            "dropped WAL file '([0-9A-F]{24})' because archive queue exceeded");

    /**
     * The drops in lines pgBackRest logged ({@code WARN: dropped WAL file '...' because archive queue exceeded ...}),
     * each dated when pgctl read it (pgBackRest's own time stamps are in the container's local time zone).
     */
    public static List<Drop> logged(String text, Instant seen) {
        List<Drop> out = new ArrayList<>();
        Matcher m = LOGGED.matcher(text);
        while (m.find()) {
            out.add(new Drop(m.group(1), seen));
        }
        return out;
    }

    /** The status file of a dropped segment starts with code 0 and says "dropped WAL file". */
    public static Optional<Drop> parse(String fileName, String content, Instant modified) {
        if (!fileName.matches("[0-9A-F]{24}\\.ok") || !content.contains("dropped WAL file")) {
            return Optional.empty();
        }
        return Optional.of(new Drop(fileName.substring(0, 24), modified));
    }

    /**
     * The state after this tick's drops: a new gap from the first drop on, a known one extended by drops of newer
     * segments (the same status files are seen at several ticks; a segment at or before the newest known one is
     * not counted again).
     *
     * @param lastArchivedBefore when WAL was last archived before these drops (pg_stat_archiver as the previous tick
     *                           saw it: once a segment is dropped, PostgreSQL counts it as archived)
     */
    public static Optional<WalGap> observe(Optional<WalGap> gap, List<Drop> drops, Optional<Instant> lastArchivedBefore) {
        List<Drop> fresh = drops.stream().filter(d -> gap.isEmpty() || d.segment().compareTo(gap.get().lastSegment()) > 0)
                .sorted(Comparator.comparing(Drop::segment)).toList();
        if (fresh.isEmpty()) {
            return gap;
        }
        Instant newest = fresh.stream().map(Drop::at).max(Instant::compareTo).get().truncatedTo(ChronoUnit.SECONDS);
        String last = fresh.get(fresh.size() - 1).segment();
        if (gap.isPresent()) {
            WalGap g = gap.get();
            Instant to = Instant.parse(g.to()).isAfter(newest) ? Instant.parse(g.to()) : newest;
            return Optional.of(new WalGap(g.from(), to.toString(), g.firstSegment(), last, g.segments() + fresh.size(),
                    g.backupAttempts()));
        }
        Instant first = fresh.stream().map(Drop::at).min(Instant::compareTo).get().truncatedTo(ChronoUnit.SECONDS);
        Instant from = lastArchivedBefore.filter(t -> !t.isAfter(first)).orElse(first);
        return Optional.of(new WalGap(from.toString(), newest.toString(), fresh.get(0).segment(), last, fresh.size(), 0));
    }

    /** A full backup is due: a gap, the repository answered its last read, and none of pgctl's runs now. */
    public static boolean backupDue(Optional<WalGap> gap, boolean repositoryReachable, boolean backupRunning) {
        return gap.isPresent() && repositoryReachable && !backupRunning;
    }

    /**
     * The state after pgctl's full backup that started at {@code started}: cleared when it succeeded and started
     * after the newest drop (the state before it is restorable from it), else kept with one more attempt.
     */
    public static Optional<WalGap> afterBackup(WalGap gap, Instant started, boolean succeeded) {
        if (succeeded && !started.isBefore(newestDrop(gap))) {
            return Optional.empty();
        }
        return Optional.of(new WalGap(gap.from(), gap.to(), gap.firstSegment(), gap.lastSegment(), gap.segments(),
                gap.backupAttempts() + 1));
    }

    /** The newest drop; for a state file that could not be read ({@link WalGapStore#read}), none: any backup covers it. */
    private static Instant newestDrop(WalGap gap) {
        try {
            return Instant.parse(gap.to());
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** The words of the state, for status and the alert. */
    public String what() {
        return "WAL was dropped to keep PostgreSQL up (PGCTL_WAL_BACKLOG_MAX; " + segments + " segment(s), "
                + firstSegment + (segments > 1 ? " to " + lastSegment : "") + "): point-in-time recovery is impossible "
                + "between " + from + " and " + to + ", and what was written since is restorable only once a new full "
                + "backup is taken; pgctl takes one by itself as soon as the repository is reachable"
                + (backupAttempts > 0 ? " (" + backupAttempts + " attempt(s) failed so far)" : "");
    }

    /** How long the state has lasted at {@code now}. */
    public Duration age(Instant now) {
        return Duration.between(Instant.parse(from), now);
    }
}
