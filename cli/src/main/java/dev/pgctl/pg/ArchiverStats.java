package dev.pgctl.pg;

import java.util.Optional;

/**
 * pg_stat_archiver's counts, and the one rule pgctl applies to them: a new cluster archives WAL before its stanza
 * exists (PostgreSQL starts archiving before the after-start job can create it), and every such attempt counts as a
 * failure although nothing is lost (the segments wait in pg_wal and are archived once the stanza exists). Right
 * after the stanza is created, failures of a cluster that has never archived anything are those and only those:
 * they are cleared, so that status does not report a problem that never was. A cluster that has archived once keeps
 * its counts: a later failure is real.
 */
public record ArchiverStats(long archived, long failed) {

    public static final String QUERY = "select archived_count || '|' || failed_count from pg_stat_archiver";
    public static final String RESET = "select pg_stat_reset_shared('archiver')";

    public static Optional<ArchiverStats> parse(String row) {
        String[] f = row.strip().split("\\|");
        try {
            return f.length == 2 ? Optional.of(new ArchiverStats(Long.parseLong(f[0]), Long.parseLong(f[1]))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True when every failure happened before the first segment was ever archived. */
    public boolean onlyFailuresBeforeFirstArchive() {
        return archived == 0 && failed > 0;
    }
}
