package dev.pgctl.pg;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * WAL that waits in pg_wal for the archiver: one {@code archive_status/<segment>.ready} file per segment that
 * PostgreSQL has finished and archive_command has not taken yet. Read from the files (no SQL), so it works as
 * the postgres user whenever PGDATA is there.
 *
 * @param segments how many segments wait
 * @param bytes    their size (the segment files themselves)
 * @param oldest   when the oldest .ready file was written: when that segment became ready (empty when none waits)
 */
public record ReadyWal(long segments, long bytes, Optional<Instant> oldest) {
    public static final ReadyWal NONE = new ReadyWal(0, 0, Optional.empty());

    /** The WAL waiting under {@code pgdata}; empty when pg_wal cannot be read (no cluster, another user). */
    public static Optional<ReadyWal> read(Path pgdata) {
        Path status = pgdata.resolve("pg_wal").resolve("archive_status");
        long n = 0;
        long bytes = 0;
        Instant oldest = null;
        try (DirectoryStream<Path> ready = Files.newDirectoryStream(status, "*.ready")) {
            for (Path r : ready) {
                String name = r.getFileName().toString();
                Path segment = pgdata.resolve("pg_wal").resolve(name.substring(0, name.length() - ".ready".length()));
                try {
                    Instant t = Files.getLastModifiedTime(r).toInstant();
                    bytes += Files.size(segment);
                    oldest = oldest == null || t.isBefore(oldest) ? t : oldest;
                    n++;
                } catch (NoSuchFileException e) {
                    // archived (and recycled) between the listing and now
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(new ReadyWal(n, bytes, Optional.ofNullable(oldest)));
    }
}
