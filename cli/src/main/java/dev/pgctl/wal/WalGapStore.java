package dev.pgctl.wal;

import dev.pgctl.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.Optional;

/**
 * Where the {@link WalGap} state lives: {@link #FILE} in the run directory, outside PGDATA (a restore must not
 * bring it back, and a backup must not carry it), kept across {@code docker restart} with the rest of pgctl's
 * state; and where the drops are read from: pgBackRest's status files in the spool.
 */
public final class WalGapStore {
    public static final String FILE = "wal-gap.json";

    private WalGapStore() {
    }

    /**
     * The state; empty when there is no gap. A file that cannot be read is a gap of unknown extent rather than none:
     * dropping that state silently would hide that the latest state is not restorable.
     */
    public static Optional<WalGap> read(Path runDir) {
        Path f = runDir.resolve(FILE);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(f.toFile(), WalGap.class));
        } catch (IOException | RuntimeException e) {
            return Optional.of(new WalGap("unknown", "unknown", "unknown", "unknown", 0, 0));
        }
    }

    /** Writes the state, or removes the file when there is no gap. */
    public static void write(Path runDir, Optional<WalGap> gap) throws IOException {
        if (gap.isEmpty()) {
            Files.deleteIfExists(runDir.resolve(FILE));
            return;
        }
        Path tmp = runDir.resolve("." + FILE + ".tmp");
        Json.MAPPER.writeValue(tmp.toFile(), gap.get());
        Files.move(tmp, runDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Where pgctl keeps how far it read pgBackRest's logs of archive-push. */
    public static final String OFFSETS = "wal-guard-log-offsets.json";
    /** A log read to its end and larger than this is emptied (its drops are in the gap state by then). */
    static final long LOG_MAX = 8L << 20;

    /** pgBackRest's logs of archive-push in the spool (log-path, PgBackRestConf with PGCTL_WAL_BACKLOG_MAX). */
    public static List<Path> logs(Path spool, String stanza) {
        return List.of(spool.resolve(stanza + "-archive-push-async.log"), spool.resolve(stanza + "-archive-push.log"));
    }

    /**
     * The drops pgBackRest logged since the last call (the offsets read so far are kept in {@code runDir}, so a
     * restarted monitor goes on where it stopped, and a drop is read once). Unlike the spool's status files, which
     * pgBackRest removes within seconds, the log keeps every drop until pgctl read it.
     */
    public static List<WalGap.Drop> loggedDrops(Path spool, String stanza, Path runDir, Instant now) {
        Map<String, Long> offsets = new TreeMap<>(readOffsets(runDir));
        List<WalGap.Drop> out = new ArrayList<>();
        for (Path log : logs(spool, stanza)) {
            String key = log.getFileName().toString();
            try {
                long size = Files.size(log);
                long from = offsets.getOrDefault(key, 0L);
                from = from > size ? 0 : from;
                try (SeekableByteChannel ch = Files.newByteChannel(log)) {
                    ch.position(from);
                    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size - from, LOG_MAX));
                    while (buf.hasRemaining() && ch.read(buf) > 0) {
                        // read what is there now
                    }
                    String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
                    int end = text.lastIndexOf('\n') + 1;
                    out.addAll(WalGap.logged(text.substring(0, end), now));
                    from += text.substring(0, end).getBytes(StandardCharsets.UTF_8).length;
                }
                if (from >= LOG_MAX && from == Files.size(log)) {
                    Files.write(log, new byte[0]);
                    from = 0;
                }
                offsets.put(key, from);
            } catch (NoSuchFileException e) {
                offsets.remove(key);
            } catch (IOException e) {
                // unreadable now: tried again at the next tick
            }
        }
        try {
            Path tmp = runDir.resolve("." + OFFSETS + ".tmp");
            Json.MAPPER.writeValue(tmp.toFile(), offsets);
            Files.move(tmp, runDir.resolve(OFFSETS), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the same lines are read again next time; observe() counts a segment once
        }
        return out;
    }

    private static Map<String, Long> readOffsets(Path runDir) {
        try {
            return Json.MAPPER.readValue(runDir.resolve(OFFSETS).toFile(), new TypeReference<Map<String, Long>>() {
            });
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    /** The drops pgBackRest's asynchronous archive-push reports now in {@code spool}/archive/{@code stanza}/out. */
    public static List<WalGap.Drop> drops(Path spool, String stanza) {
        List<WalGap.Drop> out = new ArrayList<>();
        Path dir = spool.resolve("archive").resolve(stanza).resolve("out");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.ok")) {
            for (Path p : files) {
                try {
                    if (Files.size(p) > 4096) {
                        continue;
                    }
                    String content = Files.readString(p, StandardCharsets.UTF_8);
                    WalGap.parse(p.getFileName().toString(), content, Files.getLastModifiedTime(p).toInstant())
                            .ifPresent(out::add);
                } catch (NoSuchFileException e) {
                    // acknowledged and removed between the listing and now
                } catch (IOException | RuntimeException e) {
                    // unreadable: not a drop we can name
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }
}
