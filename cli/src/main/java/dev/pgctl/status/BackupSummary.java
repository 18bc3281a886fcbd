package dev.pgctl.status;

import dev.pgctl.pgbackrest.Expired;
import dev.pgctl.pgbackrest.RepoInfo;
import dev.pgctl.ui.Units;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The few lines that end a backup on a terminal, instead of pgBackRest's INFO stream: what was done, the label
 * and annotation, size, stored size (ratio), duration, throughput, and what retention expired. Pure.
 */
public final class BackupSummary {
    private BackupSummary() {
    }

    /**
     * @param what    "full backup", "incr backup"
     * @param label   the new backup's label, as pgBackRest's output names it
     * @param backup  that backup as the repository lists it (sizes, annotation); empty when it could not be read
     * @param copied  what pgBackRest copied, as its output says ("incr backup size = 8.3KB"): for a diff or incr
     *                the changed data, which the throughput is of; a full backup copies the whole size
     * @param took    how long pgBackRest ran
     * @param expired what the expire step after it removed
     */
    public static List<String> lines(String what, Optional<String> label, Optional<RepoInfo.Backup> backup,
            Optional<Long> copied, Duration took, Expired expired) {
        List<String> lines = new ArrayList<>();
        lines.add(what + " done" + label.map(l -> ": " + l).orElse(""));
        boolean full = backup.map(b -> b.type().equals("full")).orElse(false);
        Optional<Long> read = full ? backup.map(RepoInfo.Backup::size) : copied;
        backup.ifPresent(b -> {
            if (!b.annotations().isEmpty()) {
                row(lines, "annotation", b.annotations().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", ")));
            }
            String stored = "stored " + Units.bytes(b.repoSize()) + (read.orElse(0L) > 0
                    ? String.format(Locale.ROOT, " (%d %%)", Math.round(b.repoSize() * 100.0 / read.get())) : "");
            row(lines, "size", full ? Units.bytes(b.size()) + ", " + stored
                    : copied.map(c -> Units.bytes(c) + " changed of " + Units.bytes(b.size())).orElse(Units.bytes(b.size()))
                            + ", " + stored);
        });
        long millis = Math.max(1, took.toMillis());
        row(lines, "took", seconds(took) + read.map(r -> ", " + Units.bytes(r * 1000 / millis) + "/s").orElse(""));
        row(lines, "expired", expired.describe());
        return lines;
    }

    private static String seconds(Duration d) {
        return d.toSeconds() < 10 ? String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0) : Units.age(d.toSeconds());
    }

    private static void row(List<String> lines, String key, String value) {
        lines.add(String.format(Locale.ROOT, "  %-11s %s", key, value));
    }
}
