package dev.pgctl.pgbackrest;

import dev.pgctl.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of the last {@code pgctl prune} that expired or tried to (not a dry run), kept in the run directory
 * next to {@link BackupRecord}: a failed prune is an alert (prune_failed) until one succeeds.
 *
 * @param lastSuccess when the last prune succeeded (ISO instant)
 * @param lastFailure when the last prune failed (ISO instant)
 * @param reason      why it failed (one line)
 */
public record PruneRecord(Optional<String> lastSuccess, Optional<String> lastFailure, String reason) {
    public static final String FILE = "prune-record.json";
    public static final PruneRecord EMPTY = new PruneRecord(Optional.empty(), Optional.empty(), "");

    public PruneRecord succeeded(Instant t) {
        return new PruneRecord(Optional.of(t.toString()), lastFailure, reason);
    }

    public PruneRecord failed(Instant t, String why) {
        return new PruneRecord(lastSuccess, Optional.of(t.toString()), why);
    }

    /** The last failure, unless a later prune succeeded. */
    public Optional<Instant> failing() {
        Optional<Instant> failed = lastFailure.map(Instant::parse);
        Optional<Instant> ok = lastSuccess.map(Instant::parse);
        return failed.filter(f -> ok.isEmpty() || ok.get().isBefore(f));
    }

    /** The record in {@code runDir}; empty when there is none or it cannot be read. */
    public static PruneRecord read(Path runDir) {
        return Json.readFile(runDir.resolve(FILE), PruneRecord.class, EMPTY);
    }

    /** Writes it atomically. */
    public void write(Path runDir) throws IOException {
        Json.writeAtomically(runDir, FILE, this);
    }
}
