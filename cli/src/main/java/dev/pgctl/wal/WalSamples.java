package dev.pgctl.wal;

import dev.pgctl.json.Json;
import dev.pgctl.pg.ReadyWal;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The WAL backlog samples {@link WalForecast} needs, kept in the run directory ({@link #FILE}). Why a file and not
 * the monitor's memory: {@code pgctl status} and {@code pgctl notify} are processes of their own that need the
 * rate too, and a restart of the monitor (its restart loop) keeps the history. pgctl monitor writes it at every
 * tick; everybody else only reads it.
 */
public final class WalSamples {
    public static final String FILE = "wal-samples.json";
    private static final TypeReference<List<Stored>> LIST = new TypeReference<>() {
    };

    /** A sample as the file holds it (the time as an ISO instant). */
    record Stored(String at, long bytesWaiting, long freeBytes) {
    }

    private WalSamples() {
    }

    /** A sample now: the WAL {@code ready} under {@code pgdata} and the free space where pg_wal is; empty if unreadable. */
    public static Optional<WalForecast.Sample> take(Path pgdata, ReadyWal ready, Instant now) {
        try {
            long free = Files.getFileStore(pgdata.resolve("pg_wal")).getUsableSpace();
            return Optional.of(new WalForecast.Sample(now, ready.bytes(), free));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The kept samples; none when there is no file or it cannot be read (the history starts again). */
    public static List<WalForecast.Sample> read(Path runDir) {
        try {
            return Json.MAPPER.readValue(runDir.resolve(FILE).toFile(), LIST).stream()
                    .map(x -> new WalForecast.Sample(Instant.parse(x.at()), x.bytesWaiting(), x.freeBytes())).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Adds {@code s} to the kept samples ({@link WalForecast#keep}); written whole, then moved into place. */
    public static void record(Path runDir, WalForecast.Sample s) throws IOException {
        List<WalForecast.Sample> kept = WalForecast.keep(read(runDir), s);
        Path tmp = runDir.resolve("." + FILE + ".tmp");
        Json.MAPPER.writeValue(tmp.toFile(), kept.stream()
                .map(x -> new Stored(x.at().toString(), x.bytesWaiting(), x.freeBytes())).toList());
        Files.move(tmp, runDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
