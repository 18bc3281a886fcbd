package dev.pgctl.cmd;

import dev.pgctl.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What pgctl remembers of its own backups, beyond what the repository holds: when the last backup of any type
 * ended (pgctl monitor reads the repository again after it) and when the last one of each type failed
 * (pgctl_backup_last_failure_timestamp_seconds: the repository keeps no failed backup). Kept in the run
 * directory, outside PGDATA, as {@value #FILE}; the container's filesystem keeps it across {@code docker restart}
 * (a new container starts without it, and a failure before that is no longer news). Written by every backup
 * pgctl takes: scheduled, by hand, the after-start job's first full.
 *
 * @param lastEnded   ISO-8601 instant: the end of the last backup, taken or failed
 * @param lastFailure per type (full, diff, incr): the end of its last failed backup
 */
public record BackupRecord(String lastEnded, Map<String, String> lastFailure) {
    public static final String FILE = "backups.json";

    /** The record as it is, or an empty one. */
    public static BackupRecord read(Path runDir) {
        try {
            BackupRecord r = Json.MAPPER.readValue(runDir.resolve(FILE).toFile(), BackupRecord.class);
            return new BackupRecord(r.lastEnded() == null ? "" : r.lastEnded(),
                    r.lastFailure() == null ? Map.of() : r.lastFailure());
        } catch (IOException e) {
            return new BackupRecord("", Map.of());
        }
    }

    /** Records that a backup of {@code type} ended at {@code at}, failed or not. Never fails the backup. */
    public static void ended(Path runDir, String type, boolean failed, Instant at) {
        BackupRecord old = read(runDir);
        Map<String, String> failures = new TreeMap<>(old.lastFailure());
        if (failed) {
            failures.put(type, at.toString());
        }
        try {
            Path tmp = runDir.resolve("." + FILE + ".tmp");
            Json.MAPPER.writeValue(tmp.toFile(), new BackupRecord(at.toString(), failures));
            Files.move(tmp, runDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // metrics lose this failure's time; the backup's own log lines still say what happened
        }
    }

    public Optional<Instant> lastEndedAt() {
        return instant(lastEnded);
    }

    /** The last failure per type, where it can be read. */
    public Map<String, Instant> failures() {
        Map<String, Instant> out = new TreeMap<>();
        lastFailure.forEach((type, t) -> instant(t).ifPresent(i -> out.put(type, i)));
        return out;
    }

    private static Optional<Instant> instant(String s) {
        try {
            return s == null || s.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
