package dev.pgctl.pgbackrest;

import java.util.Optional;

/**
 * Two primaries on one stanza. When a copy restored from this stanza's backups is promoted while the
 * original still runs, the copy archives a newer timeline into the same stanza. pgBackRest accepts both
 * (same system id), but a restore of the latest then follows the copy, and this server's backups taken
 * after the fork no longer restore with the default recovery_target_timeline=latest. The original sees
 * it from the repository's newest WAL segment: its timeline (the first 8 hex digits of the name) is newer
 * than the one this primary writes.
 */
public final class Timelines {
    private Timelines() {
    }

    /** The timeline of a WAL segment name such as 000000020000000000000007, if it is one. */
    public static Optional<Long> of(String segment) {
        if (segment == null || segment.length() < 24 || !segment.substring(0, 24).matches("[0-9A-F]{24}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(segment.substring(0, 8), 16));
    }

    /** What {@link #forked} found: the timeline this primary writes and the newer one in the repository. */
    public record Fork(long ours, long theirs) {
        public String what(String stanza) {
            return "two primaries on stanza '" + stanza + "': the repository holds WAL of timeline " + theirs
                    + ", but this primary writes timeline " + ours + ". Another server restored from these backups "
                    + "was promoted and archives into the same stanza; a restore of the latest would follow it, not "
                    + "this server";
        }

        public static String fix() {
            return "stop the other server (a copy for tests: use pgctl restore --to DIR, which never archives); "
                    + "then give this cluster a fresh stanza: set PGBACKREST_STANZA to a new name and restart this "
                    + "container (the old stanza stays readable)";
        }
    }

    /**
     * A fork when the repository's newest WAL segment is on a newer timeline than the segment this primary
     * writes now ({@code pg_walfile_name(pg_current_wal_lsn())}). Standbys follow their primary's timeline
     * and are never asked.
     */
    public static Optional<Fork> forked(String currentSegment, Optional<String> archiveMax) {
        Optional<Long> ours = of(currentSegment);
        Optional<Long> theirs = archiveMax.flatMap(Timelines::of);
        if (ours.isEmpty() || theirs.isEmpty() || theirs.get() <= ours.get()) {
            return Optional.empty();
        }
        return Optional.of(new Fork(ours.get(), theirs.get()));
    }
}
