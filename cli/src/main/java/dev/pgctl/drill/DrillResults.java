package dev.pgctl.drill;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pgctl.fs.Files2;
import dev.pgctl.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The drill results kept in one directory (PGCTL_DRILL_RESULTS): one JSON file per drill, named by its start
 * time so that names sort by time; after each write the oldest beyond {@code keep} are removed. A file that
 * cannot be read (half-written by hand, another version's) is left out of the list, never fatal.
 */
public final class DrillResults {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'drill-'yyyyMMdd'T'HHmmss'Z.json'")
            .withZone(ZoneOffset.UTC);
    private final Path dir;

    public DrillResults(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Writes the record (through a temporary file and a rename), then keeps the newest {@code keep}. */
    public Path store(DrillRecord r, int keep) throws IOException {
        Files2 files = new Files2();
        files.directory(dir, "rwx------");
        Path file = dir.resolve(NAME.format(Instant.parse(r.started())));
        files.write(file, Json.pretty(r) + "\n", "rw-------");
        List<Path> all = files();
        for (int i = 0; i < all.size() - keep; i++) {
            Files.deleteIfExists(all.get(i));
        }
        return file;
    }

    /** Every readable result, oldest first. */
    public List<DrillRecord> all() {
        List<DrillRecord> out = new ArrayList<>();
        try {
            for (Path p : files()) {
                read(p).ifPresent(out::add);
            }
        } catch (IOException e) {
            // no directory (no drill yet) or not readable: no results
        }
        return out;
    }

    /** The newest result, for status and metrics. */
    public Optional<DrillRecord> latest() {
        List<DrillRecord> all = all();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    private List<Path> files() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("drill-") && n.endsWith(".json");
            }).sorted().toList();
        }
    }

    private static Optional<DrillRecord> read(Path p) {
        try {
            return Optional.of(Json.MAPPER.readValue(Files.readString(p), DrillRecord.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
