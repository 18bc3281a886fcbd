package dev.pgctl.status;

import java.util.List;
import java.util.Optional;

/**
 * What {@code pgctl backups} shows; its JSON schema (stable names; fields may be added).
 *
 * @param backups             newest last, at most --last N
 * @param total               backups in the repository
 * @param expiresAfterNextFull labels the next full backup makes pgBackRest expire (retention-full)
 * @param expiresAfterNextDiff labels the next differential makes it expire (retention-diff, when set)
 */
public record BackupsReport(String stanza, String location, List<Entry> backups, int total, int retentionFull,
        Optional<Integer> retentionDiff, List<String> expiresAfterNextFull, List<String> expiresAfterNextDiff,
        Optional<String> archiveMin, Optional<String> archiveMax, List<StatusReport.Schedule> schedules,
        Optional<String> calendar) {

    public record Entry(String label, String type, String started, String finished, long seconds, long sizeBytes,
            long repoBytes, Optional<String> pgctlLabel, Optional<String> walStart, Optional<String> walStop,
            Optional<String> retention) {
    }

    /** With a second repository: one report per repository, or why it could not be read and the fix. */
    public record OfRepo(int repo, String location, Optional<BackupsReport> report, Optional<String> error,
            Optional<String> fix) {
    }

    /** What {@code pgctl backups} shows with a second repository (README "Second repository"). */
    public record Repositories(List<OfRepo> repos) {
    }
}
