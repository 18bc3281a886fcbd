package dev.pgctl.bootstrap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Which repository an empty volume restores from when there are two (README "Second repository"): a pure function
 * of what each repository said, and of PGCTL_RESTORE_REPO. Its answer is what {@link Planner} decides on.
 *
 * <ul>
 *   <li>Told a repository (PGCTL_RESTORE_REPO=1 or 2): that one alone; it cannot be read: unreachable (refuse).</li>
 *   <li>Else the repository whose latest backup is the newest, of those that can be read (repo1 on a tie). When
 *       another repository cannot be read, the note says so: the restore goes on from the one that can.</li>
 *   <li>No readable repository holds a backup: unreachable when any cannot be read (a new, empty cluster could hide
 *       a database that only that one holds), else empty.</li>
 * </ul>
 */
public final class RepoChoice {
    private RepoChoice() {
    }

    /** What one repository said. */
    public sealed interface Seen {
        record Backups(String latestLabel, Instant latestStop) implements Seen {
        }

        record Nothing() implements Seen {
        }

        record CannotRead(String reason) implements Seen {
        }
    }

    /**
     * @param repo what Planner decides on
     * @param from the repository to restore from (pgBackRest's --repo), when there is a backup
     * @param note what bootstrap says about the choice (which one, and why not the other), if anything
     */
    public record Choice(Planner.Repo repo, Optional<Integer> from, Optional<String> note) {
    }

    /**
     * @param seen   what each configured repository said, by number
     * @param insist PGCTL_RESTORE_REPO: only this repository
     * @param name   how messages name repository n ("repo2 (azure://...)")
     */
    public static Choice choose(Map<Integer, Seen> seen, Optional<Integer> insist, IntFunction<String> name) {
        Map<Integer, Seen> all = new TreeMap<>(seen);
        if (insist.isPresent()) {
            int n = insist.get();
            Seen s = all.getOrDefault(n, new Seen.CannotRead("not configured"));
            String told = " (PGCTL_RESTORE_REPO=" + n + ")";
            return switch (s) {
                case Seen.Backups b -> new Choice(new Planner.Repo.HasBackups(b.latestLabel()), Optional.of(n),
                        Optional.of("restoring from " + name.apply(n) + told));
                case Seen.Nothing x -> new Choice(new Planner.Repo.Empty(), Optional.empty(), Optional.empty());
                case Seen.CannotRead c -> new Choice(new Planner.Repo.Unreachable(name.apply(n) + told + ": " + c.reason()),
                        Optional.empty(), Optional.empty());
            };
        }
        Optional<Integer> best = Optional.empty();
        Instant bestStop = Instant.MIN;
        List<String> unreadable = new ArrayList<>();
        for (var e : all.entrySet()) {
            switch (e.getValue()) {
                case Seen.Backups b -> {
                    if (best.isEmpty() || b.latestStop().isAfter(bestStop)) {
                        best = Optional.of(e.getKey());
                        bestStop = b.latestStop();
                    }
                }
                case Seen.CannotRead c -> unreadable.add(name.apply(e.getKey()) + ": " + c.reason());
                case Seen.Nothing x -> {
                }
            }
        }
        if (best.isPresent()) {
            int n = best.get();
            Seen.Backups b = (Seen.Backups) all.get(n);
            Optional<String> note = all.size() > 1
                    ? Optional.of("restoring from " + name.apply(n) + ": " + (unreadable.isEmpty()
                            ? "it holds the newest backup (" + b.latestLabel() + ")"
                            : "the other repository cannot be read (" + String.join("; ", unreadable) + ")"))
                    : Optional.empty();
            return new Choice(new Planner.Repo.HasBackups(b.latestLabel()), Optional.of(n), note);
        }
        if (!unreadable.isEmpty()) {
            return new Choice(new Planner.Repo.Unreachable(String.join("; ", unreadable)), Optional.empty(), Optional.empty());
        }
        return new Choice(new Planner.Repo.Empty(), Optional.empty(), Optional.empty());
    }

    /**
     * A point-in-time target (PGCTL_RESTORE_TARGET_*, PGCTL_RESTORE_SET) is checked against each repository: those
     * whose backups cannot reach it ({@code reach} lacks them) are left out of the choice, unless none can reach it
     * (then the choice is as without a target, and the target's check says why). Pure.
     */
    public static Map<Integer, Seen> reaching(Map<Integer, Seen> seen, Set<Integer> reach) {
        boolean any = seen.entrySet().stream().anyMatch(e -> e.getValue() instanceof Seen.Backups && reach.contains(e.getKey()));
        if (!any) {
            return seen;
        }
        Map<Integer, Seen> out = new TreeMap<>();
        seen.forEach((n, s) -> out.put(n, s instanceof Seen.Backups && !reach.contains(n) ? new Seen.Nothing() : s));
        return out;
    }
}
