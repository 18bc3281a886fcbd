package dev.pgctl.drill;

import dev.pgctl.ui.Units;
import java.util.Optional;

/**
 * Whether a drill fits where it would restore, decided before anything is written. Pure; table-tested in
 * DrillSpaceTest.
 *
 * <p>A drill needs about the backup's database size plus {@link #MARGIN_PERCENT}% (WAL it fetches to recover,
 * the throwaway server's own files) plus {@link #EXTRA_BYTES}. When the drill directory is on PGDATA's
 * filesystem, the drill must also leave the cluster {@link #PGDATA_FLOOR_PERCENT}% of that disk (at least
 * {@link #PGDATA_FLOOR_MIN_BYTES}): a full disk stops PostgreSQL, and a drill never costs production that.
 */
public final class DrillSpace {
    public static final int MARGIN_PERCENT = 10;
    public static final long EXTRA_BYTES = 128L << 20;
    public static final int PGDATA_FLOOR_PERCENT = 10;
    public static final long PGDATA_FLOOR_MIN_BYTES = 1L << 30;

    private DrillSpace() {
    }

    /**
     * @param backupBytes   the database size of the backup the drill restores
     * @param freeBytes     free bytes (usable by postgres) of the drill directory's filesystem
     * @param totalBytes    size of that filesystem
     * @param sameAsPgdata  that filesystem is PGDATA's
     * @return empty: run; else why the drill is skipped
     */
    public static Optional<String> skip(long backupBytes, long freeBytes, long totalBytes, boolean sameAsPgdata) {
        long need = need(backupBytes);
        if (!sameAsPgdata) {
            return freeBytes >= need ? Optional.empty() : Optional.of("the drill needs about " + Units.bytes(need)
                    + " (the backup's " + Units.bytes(backupBytes) + " + " + MARGIN_PERCENT + "%) and PGCTL_DRILL_DIR's "
                    + "filesystem has " + Units.bytes(freeBytes) + " free");
        }
        long floor = floor(totalBytes);
        if (freeBytes - need >= floor) {
            return Optional.empty();
        }
        return Optional.of("the drill needs about " + Units.bytes(need) + " (the backup's " + Units.bytes(backupBytes)
                + " + " + MARGIN_PERCENT + "%) on PGDATA's own filesystem, which has " + Units.bytes(freeBytes)
                + " free: the cluster must keep " + Units.bytes(floor) + " (" + PGDATA_FLOOR_PERCENT + "% of the disk, at least "
                + Units.bytes(PGDATA_FLOOR_MIN_BYTES) + ")");
    }

    static long need(long backupBytes) {
        return backupBytes + backupBytes / 100 * MARGIN_PERCENT + EXTRA_BYTES;
    }

    static long floor(long totalBytes) {
        return Math.max(totalBytes / 100 * PGDATA_FLOOR_PERCENT, PGDATA_FLOOR_MIN_BYTES);
    }
}
