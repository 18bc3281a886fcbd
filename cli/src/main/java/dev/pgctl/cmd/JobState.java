package dev.pgctl.cmd;

import dev.pgctl.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The state of the after-start job (stanza-create and first full backup),
 * kept in the run directory so that {@code pgctl status} can show it.
 */
public record JobState(String state, String step, String message, String updated) {
    public static final String FILE = "after-start.json";

    public static JobState of(String state, String step, String message) {
        return new JobState(state, step, message, Instant.now().toString());
    }

    public void write(Path runDir) {
        try {
            Path f = runDir.resolve(FILE);
            Path tmp = runDir.resolve("." + FILE + ".tmp");
            Json.MAPPER.writeValue(tmp.toFile(), this);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // status will show the job as unknown; the job's own log lines still tell what happened
        }
    }

    public static Optional<JobState> read(Path runDir) {
        try {
            return Optional.of(Json.MAPPER.readValue(runDir.resolve(FILE).toFile(), JobState.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
