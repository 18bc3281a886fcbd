package dev.pgctl.pgbackrest;

import dev.pgctl.json.Json;
import dev.pgctl.text.SafeText;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * pgctl's own record of its backup jobs (scheduled and by hand), by type: the last success and the last failure
 * with a one-line reason. Kept in the run directory ({@link #FILE}); the {@code backup_failed} alert fires from it
 * and the metrics' last-failure time can read it. The repository knows the backups that succeeded, never the ones
 * that failed: that is why this record exists.
 *
 * <p>A success supersedes the failures it makes up for ({@link #covers}): a full one every type's, a diff one the
 * diff's and incr's, an incr one the incr's. So a failed full stays failed until a full succeeds.
 *
 * @param types by type (full, diff, incr)
 */
public record BackupRecord(Map<String, Entry> types) {
    public static final String FILE = "backup-record.json";
    public static final BackupRecord EMPTY = new BackupRecord(Map.of());
    /** A reason is one line of at most this many characters. */
    static final int REASON_MAX = 300;

    /**
     * @param lastSuccess when the last backup of this type succeeded (an ISO instant: the JSON is plain text)
     * @param lastFailure when the last one failed (empty once a success superseded it)
     * @param reason      why, one line, no secret (empty without a failure)
     * @param scheduled   the failed one was a scheduled job (cron), not one started by hand
     * @param lastFailed  when the last one failed, kept after a success (pgctl_backup_last_failure_timestamp_seconds)
     */
    public record Entry(Optional<String> lastSuccess, Optional<String> lastFailure, String reason, boolean scheduled,
            Optional<String> lastFailed) {
        static final Entry NONE = new Entry(Optional.empty(), Optional.empty(), "", false, Optional.empty());

        public Entry {
            // a record written before lastFailed existed has none: its unsuperseded failure is the last one
            lastSuccess = lastSuccess == null ? Optional.empty() : lastSuccess;
            lastFailure = lastFailure == null ? Optional.empty() : lastFailure;
            reason = reason == null ? "" : reason;
            lastFailed = lastFailed == null ? lastFailure : lastFailed;
        }
    }

    /** A failure of a backup of {@code type}, newest last. */
    public record Failure(String type, Instant time, String reason, boolean scheduled) {
    }

    public BackupRecord {
        types = Map.copyOf(new TreeMap<>(types));
    }

    /** Whether a successful backup of type {@code success} makes up for a failed one of type {@code failed}. */
    public static boolean covers(String success, String failed) {
        List<String> order = List.of("full", "diff", "incr");
        return order.indexOf(success) >= 0 && order.indexOf(success) <= order.indexOf(failed);
    }

    /** After a successful backup of {@code type} at {@code time}. Pure. */
    public BackupRecord succeeded(String type, Instant time) {
        Map<String, Entry> out = new TreeMap<>(types);
        out.put(type, new Entry(Optional.of(seconds(time)), Optional.empty(), "", false,
                types.getOrDefault(type, Entry.NONE).lastFailed()));
        types.forEach((t, e) -> {
            if (!t.equals(type) && covers(type, t) && e.lastFailure().isPresent()) {
                out.put(t, new Entry(e.lastSuccess(), Optional.empty(), "", false, e.lastFailed()));
            }
        });
        return new BackupRecord(out);
    }

    /** After a failed backup of {@code type}; the reason becomes one visible line of at most {@link #REASON_MAX}. Pure. */
    public BackupRecord failed(String type, Instant time, String reason, boolean scheduled) {
        Map<String, Entry> out = new TreeMap<>(types);
        Entry e = types.getOrDefault(type, Entry.NONE);
        out.put(type, new Entry(e.lastSuccess(), Optional.of(seconds(time)), oneLine(reason), scheduled,
                Optional.of(seconds(time))));
        return new BackupRecord(out);
    }

    /** The failures no success has superseded yet, oldest first. */
    public List<Failure> failures() {
        return types.entrySet().stream().filter(e -> e.getValue().lastFailure().isPresent())
                .map(e -> new Failure(e.getKey(), Instant.parse(e.getValue().lastFailure().get()), e.getValue().reason(),
                        e.getValue().scheduled()))
                .sorted(Comparator.comparing(Failure::time)).toList();
    }

    /** The last failure of each type, also one a success has superseded since (for metrics). */
    public Map<String, Instant> lastFailedByType() {
        Map<String, Instant> out = new TreeMap<>();
        types.forEach((t, e) -> e.lastFailed().ifPresent(f -> out.put(t, Instant.parse(f))));
        return out;
    }

    /** When the last backup of any type ended, taken or failed (pgctl monitor reads the repository again after it). */
    public Optional<Instant> lastEndedAt() {
        return types.values().stream()
                .flatMap(e -> Stream.of(e.lastSuccess(), e.lastFailed()))
                .flatMap(Optional::stream).map(Instant::parse).max(Comparator.naturalOrder());
    }

    private static String seconds(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String oneLine(String reason) {
        String s = SafeText.visible(reason.strip().replaceAll("\\s*\\R\\s*", " / "));
        return s.length() <= REASON_MAX ? s : s.substring(0, REASON_MAX - 3) + "...";
    }

    /** The record in {@code runDir}; empty when there is none or it cannot be read. */
    public static BackupRecord read(Path runDir) {
        return Json.readFile(runDir.resolve(FILE), BackupRecord.class, EMPTY);
    }

    /** Writes it atomically (a reader sees the old or the new record, never half of one). */
    public void write(Path runDir) throws IOException {
        Json.writeAtomically(runDir, FILE, this);
    }
}
