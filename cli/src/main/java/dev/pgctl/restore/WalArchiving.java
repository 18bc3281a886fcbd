package dev.pgctl.restore;

import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.problem.Problem;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.pg.Postgres;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Before an in-place restore stops PostgreSQL: switch WAL and wait until everything written so far is in
 * the repository. Whenever that cannot be established (the current segment or the archiver's state cannot
 * be read, pg_switch_wal fails, the segment is not archived in time) it throws, before anything is
 * changed: the server is never stopped with WAL that was not archived.
 */
final class WalArchiving {
    private static final Pattern SEGMENT = Pattern.compile("[0-9A-F]{24}");

    enum Verdict { ARCHIVED, NOT_YET, UNREADABLE }

    private WalArchiving() {
    }

    /** The segment the current WAL position is in, from pg_walfile_name(pg_current_wal_lsn()). */
    static Optional<String> segment(Result r) {
        String s = r.stdout().strip();
        return r.ok() && SEGMENT.matcher(s).matches() ? Optional.of(s) : Optional.empty();
    }

    /** What pg_stat_archiver's last_archived_wal says about {@code segment}. */
    static Verdict verdict(Result lastArchived, String segment) {
        if (!lastArchived.ok()) {
            return Verdict.UNREADABLE;
        }
        String last = lastArchived.stdout().strip();
        if (last.isEmpty()) {
            return Verdict.NOT_YET;
        }
        // last_archived_wal may be a segment or a .partial/.backup file of one (compare the segment part),
        // or a timeline's .history file (say nothing about segments: wait for the next one).
        // Segment names of one timeline sort in order; a newer timeline's names sort after.
        if (last.length() < 24 || !SEGMENT.matcher(last.substring(0, 24)).matches()) {
            return Verdict.NOT_YET;
        }
        return last.substring(0, 24).compareTo(segment) >= 0 ? Verdict.ARCHIVED : Verdict.NOT_YET;
    }

    /** Returns the last segment written, once it is archived; throws (exit 1, nothing changed) otherwise. */
    static String archiveEverythingWritten(Postgres pg, Duration timeout, String container) {
        Result current = pg.query("select pg_walfile_name(pg_current_wal_lsn())");
        String segment = segment(current).orElseThrow(() -> abort(
                "the current WAL segment cannot be read (" + diagnostic(current) + ")", container));
        Result switched = pg.query("select pg_switch_wal()");
        if (!switched.ok()) {
            throw abort("pg_switch_wal() failed (" + diagnostic(switched) + "), so segment " + segment
                    + " cannot be archived now", container);
        }
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Result last = pg.query("select coalesce(last_archived_wal, '') from pg_stat_archiver");
            switch (verdict(last, segment)) {
                case ARCHIVED -> {
                    return segment;
                }
                case UNREADABLE -> throw abort("the archive state (pg_stat_archiver) cannot be read ("
                        + diagnostic(last) + ")", container);
                default -> { }
            }
            if (Instant.now().isAfter(deadline)) {
                throw abort("WAL segment " + segment + " was not archived within " + timeout.toSeconds() + " s", container);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PgctlException(ExitCodes.FAILED, "interrupted; nothing was changed");
            }
        }
    }

    private static String diagnostic(Result r) {
        String d = r.diagnostic();
        return d.isEmpty() ? "exit " + r.exitCode() : d;
    }

    private static PgctlException abort(String what, String container) {
        return new PgctlException(ExitCodes.FAILED, Problem.of("wal archiving", what,
                "stopping PostgreSQL now could lose what was written since the last archived segment; "
                        + "PostgreSQL keeps running and nothing was changed",
                "docker exec " + container + " pgctl check   # then run the restore again"));
    }
}
