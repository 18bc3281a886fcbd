package dev.pgctl.drill;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Optional;

/**
 * One drill as it is kept in PGCTL_DRILL_RESULTS and shown by {@code pgctl drills --json} and {@code status --json}
 * (field names are stable; new fields may be added, and older files without them read as empty).
 *
 * @param started         when the drill started (ISO instant, UTC)
 * @param finished        when it ended
 * @param result          {@code passed}, {@code failed} or {@code skipped} (it did not fit: {@code failures} says why)
 * @param scheduled       started by the schedule (not by hand)
 * @param backup          the label of the backup it restored
 * @param recoveredTo     the time of the last transaction it replayed
 * @param restoreSeconds  pgBackRest's restore
 * @param recoverySeconds start, WAL replay and promotion of the throwaway server: with restoreSeconds, a measured RTO
 * @param totalSeconds    all of it, checks included
 * @param sizeBytes       the restored databases' size (the backup's when it was skipped)
 * @param checksumBlocks  pages whose checksum pg_checksums checked
 * @param checksumFailures pages with a bad checksum
 * @param amcheck         what amcheck checked, when it ran
 * @param queries         the user's sanity queries run, and how many passed
 * @param failures        what went wrong, one line each (a failed query is named)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DrillRecord(String started, String finished, String result, boolean scheduled, Optional<String> backup,
        Optional<String> recoveredTo, long restoreSeconds, long recoverySeconds, long totalSeconds, Optional<Long> sizeBytes,
        Optional<Long> checksumBlocks, Optional<Long> checksumFailures, Optional<Amcheck.Counts> amcheck,
        Optional<Queries> queries, List<String> failures) {
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    public DrillRecord {
        failures = failures == null ? List.of() : List.copyOf(failures);
        backup = backup == null ? Optional.empty() : backup;
        recoveredTo = recoveredTo == null ? Optional.empty() : recoveredTo;
        sizeBytes = sizeBytes == null ? Optional.empty() : sizeBytes;
        checksumBlocks = checksumBlocks == null ? Optional.empty() : checksumBlocks;
        checksumFailures = checksumFailures == null ? Optional.empty() : checksumFailures;
        amcheck = amcheck == null ? Optional.empty() : amcheck;
        queries = queries == null ? Optional.empty() : queries;
    }

    /** The user's sanity queries: how many ran and passed (a failure is named in {@code failures}). */
    public record Queries(int run, int passed) {
    }

    public boolean passed() {
        return result.equals(PASSED);
    }

    /** A drill that restored (passed or failed), not one that was skipped. */
    public boolean ran() {
        return !result.equals(SKIPPED);
    }
}
