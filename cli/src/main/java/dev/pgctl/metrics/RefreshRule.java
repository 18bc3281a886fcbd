package dev.pgctl.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When {@code pgctl monitor} reads what again. Pure; table-tested in RefreshRuleTest.
 *
 * <p>The repository (pgbackrest info: S3 requests, seconds on a slow link) is read in the background, never by
 * a scrape: once a minute, and as soon as a backup has ended since the last read (pgctl records the end of every
 * backup, {@code BackupRecord}), so that a new backup shows at once and a scheduled incr every 30 minutes costs
 * no extra minute of staleness. The local facts (a few psql queries, files) are gathered again when a scrape finds
 * them older than {@link #LOCAL_FRESH}: a flood of scrapes costs one gathering per few seconds, not one each.
 */
public final class RefreshRule {
    /** The repository is read at most this often, unless a backup ended. */
    public static final Duration REPOSITORY_INTERVAL = Duration.ofSeconds(60);
    /** Local facts younger than this are served as they are. */
    public static final Duration LOCAL_FRESH = Duration.ofSeconds(5);

    private RefreshRule() {
    }

    /**
     * @param lastRead        when the last repository read started (empty: never)
     * @param lastBackupEnded when pgctl last recorded the end of a backup (empty: none recorded)
     * @param now             now
     * @return whether to read the repository now
     */
    public static boolean repositoryDue(Optional<Instant> lastRead, Optional<Instant> lastBackupEnded, Instant now) {
        if (lastRead.isEmpty()) {
            return true;
        }
        if (lastBackupEnded.isPresent() && lastBackupEnded.get().isAfter(lastRead.get())) {
            return true;
        }
        return !now.isBefore(lastRead.get().plus(REPOSITORY_INTERVAL));
    }

    /** Whether local facts taken at {@code taken} (empty: none yet) must be gathered again for a scrape at {@code now}. */
    public static boolean localDue(Optional<Instant> taken, Instant now) {
        return taken.isEmpty() || !now.isBefore(taken.get().plus(LOCAL_FRESH)) || now.isBefore(taken.get());
    }
}
