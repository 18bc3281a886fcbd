package dev.pgctl.wal;

import dev.pgctl.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
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
