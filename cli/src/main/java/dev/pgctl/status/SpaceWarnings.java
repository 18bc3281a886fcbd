package dev.pgctl.status;

import dev.pgctl.ui.Units;
import java.util.ArrayList;
import java.util.List;

/**
 * Warnings for a disk that is full or nearly so. Pure. PGDATA full stops PostgreSQL. A full archive
 * spool does not stop archiving (measured with pgBackRest 2.60 in the fault-spool-full scenario:
 * asynchronous archive-push keeps only empty status files there and recycles them), but an error
 * report needs room there and a restore fetches WAL ahead into it, so it is reported before it matters.
 */
public final class SpaceWarnings {
    /** Below this and below {@link #LOW_PERCENT} of the total, a disk is nearly full. */
    static final long LOW_BYTES = 1L << 30;
    static final long LOW_PERCENT = 5;

    private SpaceWarnings() {
    }

    public static boolean low(StatusReport.Space s) {
        return s.totalBytes() > 0 && s.freeBytes() < LOW_BYTES && s.freeBytes() * 100 < s.totalBytes() * LOW_PERCENT;
    }

    public static List<StatusReport.Warning> of(List<StatusReport.Space> space) {
        List<StatusReport.Warning> out = new ArrayList<>();
        for (StatusReport.Space s : space) {
            if (!low(s)) {
                continue;
            }
            String left = Units.bytes(s.freeBytes()) + " free of " + Units.bytes(s.totalBytes());
            if (s.what().equals("spool")) {
                out.add(new StatusReport.Warning(Warnings.Kind.SPOOL_FULL, "the archive spool " + s.path()
                        + " is full (" + left + "): archiving goes on (it keeps only empty status files there), but a restore fetches WAL ahead "
                        + "into it and pgBackRest's error reports need room there",
                        "docker exec <container> du -sh " + s.path() + "/*   # then free space there, or mount a "
                                + "larger volume at PGBACKREST_SPOOL_PATH"));
            } else {
                out.add(new StatusReport.Warning(Warnings.Kind.PGDATA_FULL, "the disk of PGDATA " + s.path()
                        + " is nearly full (" + left + "): PostgreSQL stops when it is full",
                        "docker exec <container> du -sh " + s.path() + "/pg_wal   # grow the volume; a large "
                                + "pg_wal means WAL archiving fails (pgctl check)"));
            }
        }
        return out;
    }
}
