package dev.pgctl.pgbackrest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What pgBackRest's count-based retention (repo1-retention-full, repo1-retention-diff) removes next.
 * Pure: backups in the order pgBackRest lists them (oldest first). A differential or incremental set
 * depends on the full set whose label prefixes its own (20261122-010000F_20261123-010000D).
 */
public final class Retention {
    /**
     * @param afterNextFull labels the next full backup makes pgBackRest expire
     * @param afterNextDiff labels the next differential backup makes it expire (with retention-diff set)
     */
    public record Next(List<String> afterNextFull, List<String> afterNextDiff) {
    }

    private Retention() {
    }

    public static Next next(List<RepoInfo.Backup> backups, int retentionFull, Optional<Integer> retentionDiff) {
        List<RepoInfo.Backup> ok = backups.stream().filter(b -> !b.error()).toList();
        List<RepoInfo.Backup> fulls = ok.stream().filter(b -> b.type().equals("full")).toList();
        List<String> full = new ArrayList<>();
        // after one more full there are fulls.size() + 1; the oldest beyond the retention go, with their dependents
        int excess = fulls.size() + 1 - retentionFull;
        for (int i = 0; i < excess && i < fulls.size(); i++) {
            String f = fulls.get(i).label();
            ok.stream().map(RepoInfo.Backup::label).filter(l -> l.equals(f) || l.startsWith(f + "_")).forEach(full::add);
        }
        List<String> diff = new ArrayList<>();
        if (retentionDiff.isPresent()) {
            // full backups count as differentials for retention-diff, but only diff sets (and their incrs) expire by it
            List<RepoInfo.Backup> counted = ok.stream().filter(b -> !b.type().equals("incr")).toList();
            int diffExcess = counted.size() + 1 - retentionDiff.get();
            for (int i = 0; i < diffExcess && i < counted.size(); i++) {
                RepoInfo.Backup d = counted.get(i);
                if (!d.type().equals("diff") || full.contains(d.label())) {
                    continue;
                }
                diff.add(d.label());
                ok.stream().filter(b -> b.type().equals("incr") && dependsOn(ok, b, d)).map(RepoInfo.Backup::label)
                        .forEach(diff::add);
            }
        }
        return new Next(List.copyOf(full), List.copyOf(diff));
    }

    /** An incremental depends on a diff when that diff is the newest diff of its full set before it. */
    private static boolean dependsOn(List<RepoInfo.Backup> all, RepoInfo.Backup incr, RepoInfo.Backup diff) {
        String fullLabel = diff.label().substring(0, diff.label().indexOf('_'));
        Optional<RepoInfo.Backup> newestDiffBefore = all.stream()
                .filter(b -> b.type().equals("diff") && b.label().startsWith(fullLabel + "_") && b.start().isBefore(incr.start()))
                .reduce((a, b) -> b);
        return newestDiffBefore.map(d -> d.label().equals(diff.label())).orElse(false);
    }
}
