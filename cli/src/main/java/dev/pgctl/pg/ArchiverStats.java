package dev.pgctl.pg;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * pg_stat_archiver's counts and times, and the one rule pgctl applies to them: a new cluster archives WAL before its
 * stanza exists (PostgreSQL starts archiving before the after-start job can create it), and every such attempt counts
 * as a failure although nothing is lost (the segments wait in pg_wal and are archived once the stanza exists). So can
 * an attempt that was under way while the stanza was created (pgBackRest's asynchronous archive-push reports the
 * error its last run left in the spool once more). Once the first full backup has succeeded, archiving has been
 * shown to work: if the cluster had archived nothing before the stanza was created and every failure since is older
 * than the last archived segment, the failures are those and only those, and are cleared so that status does not
 * report a problem that never was. A cluster that had archived before keeps its counts: a failure there is real.
 */
public record ArchiverStats(long archived, long failed, Optional<Instant> lastArchived, Optional<Instant> lastFailed) {

    public static final String QUERY = "select archived_count || '|' || failed_count"
            + " || '|' || coalesce(extract(epoch from last_archived_time)::text, '')"
            + " || '|' || coalesce(extract(epoch from last_failed_time)::text, '') from pg_stat_archiver";
    public static final String RESET = "select pg_stat_reset_shared('archiver')";

    public static Optional<ArchiverStats> parse(String row) {
        String[] f = row.strip().split("\\|", -1);
        try {
            return f.length == 4
                    ? Optional.of(new ArchiverStats(Long.parseLong(f[0]), Long.parseLong(f[1]), time(f[2]), time(f[3])))
                    : Optional.empty();
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> time(String epoch) {
        if (epoch.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal s = new BigDecimal(epoch);
        long seconds = s.longValue();
        return Optional.of(Instant.ofEpochSecond(seconds, s.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).longValue()));
    }

    /**
     * True when the failures counted in {@code now} (read after the first full backup succeeded) all happened before
     * archiving worked, in a cluster that had archived nothing before its stanza was created ({@code beforeStanza}).
     */
    public static boolean onlyFailuresBeforeArchivingWorked(ArchiverStats beforeStanza, ArchiverStats now) {
        return beforeStanza.archived() == 0
                && now.failed() > 0
                && now.lastArchived().isPresent()
                && now.lastFailed().map(f -> f.isBefore(now.lastArchived().get())).orElse(false);
    }
}
