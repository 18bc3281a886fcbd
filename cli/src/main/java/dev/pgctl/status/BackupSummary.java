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
     * @param what    "full backup" (a restore drill or an enable-backups run says its own)
     * @param label   the new backup's label, as pgBackRest's output names it
     * @param backup  that backup as the repository lists it (sizes, annotation); empty when it could not be read
     * @param took    how long pgBackRest ran
     * @param expired what the expire step after it removed
     */
    public static List<String> lines(String what, Optional<String> label, Optional<RepoInfo.Backup> backup, Duration took,
            Expired expired) {
        List<String> lines = new ArrayList<>();
        lines.add(what + " done" + label.map(l -> ": " + l).orElse(""));
        backup.ifPresent(b -> {
            if (!b.annotations().isEmpty()) {
                row(lines, "annotation", b.annotations().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", ")));
            }
            row(lines, "size", Units.bytes(b.size()) + ", stored " + Units.bytes(b.repoSize())
                    + (b.size() > 0 ? String.format(Locale.ROOT, " (%d %%)", Math.round(b.repoSize() * 100.0 / b.size())) : ""));
        });
        long millis = Math.max(1, took.toMillis());
        row(lines, "took", seconds(took) + backup.map(b -> ", " + Units.bytes(b.size() * 1000 / millis) + "/s").orElse(""));
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
