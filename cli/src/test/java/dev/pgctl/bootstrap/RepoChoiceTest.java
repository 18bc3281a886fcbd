package dev.pgctl.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgctl.bootstrap.RepoChoice.Seen;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which repository an empty volume restores from, with two (issue 19): table-tested. */
class RepoChoiceTest {
    static final Seen OLD = new Seen.Backups("20261201-010000F", Instant.parse("2026-12-01T01:05:00Z"));
    static final Seen NEW = new Seen.Backups("20261202-031500F", Instant.parse("2026-12-02T03:20:00Z"));
    static final Seen NONE = new Seen.Nothing();
    static final Seen DOWN = new Seen.CannotRead("[HostConnectError] connection refused");

    static Stream<Arguments> table() {
        return Stream.of(
                // seen by repo1, by repo2, PGCTL_RESTORE_REPO -> decision, from, note
                Arguments.of(NEW, OLD, null, "HasBackups 20261202-031500F", 1, "restoring from repo1: it holds the newest backup (20261202-031500F)"),
                Arguments.of(OLD, NEW, null, "HasBackups 20261202-031500F", 2, "restoring from repo2: it holds the newest backup (20261202-031500F)"),
                Arguments.of(NEW, NEW, null, "HasBackups 20261202-031500F", 1, "restoring from repo1: it holds the newest backup (20261202-031500F)"),
                Arguments.of(DOWN, OLD, null, "HasBackups 20261201-010000F", 2,
                        "restoring from repo2: the other repository cannot be read (repo1: [HostConnectError] connection refused)"),
                Arguments.of(NEW, DOWN, null, "HasBackups 20261202-031500F", 1,
                        "restoring from repo1: the other repository cannot be read (repo2: [HostConnectError] connection refused)"),
                Arguments.of(NONE, OLD, null, "HasBackups 20261201-010000F", 2, "restoring from repo2: it holds the newest backup (20261201-010000F)"),
                Arguments.of(NONE, NONE, null, "Empty", null, null),
                // a repository that cannot be read may hold the only backups: no new cluster then
                Arguments.of(DOWN, NONE, null, "Unreachable repo1: [HostConnectError] connection refused", null, null),
                Arguments.of(DOWN, DOWN, null, "Unreachable repo1: [HostConnectError] connection refused; repo2: "
                        + "[HostConnectError] connection refused", null, null),
                // told a repository: that one alone
                Arguments.of(DOWN, NEW, 1, "Unreachable repo1 (PGCTL_RESTORE_REPO=1): [HostConnectError] connection refused", null, null),
                Arguments.of(NEW, OLD, 2, "HasBackups 20261201-010000F", 2, "restoring from repo2 (PGCTL_RESTORE_REPO=2)"),
                Arguments.of(OLD, NONE, 2, "Empty", null, null));
    }

    static String describe(Planner.Repo r) {
        return switch (r) {
            case Planner.Repo.HasBackups b -> "HasBackups " + b.latestLabel();
            case Planner.Repo.Empty e -> "Empty";
            case Planner.Repo.Unreachable u -> "Unreachable " + u.reason();
            case Planner.Repo.NotConfigured n -> "NotConfigured";
        };
    }

    @ParameterizedTest(name = "[{index}] repo1 {0}, repo2 {1}, told {2} -> {3}")
    @MethodSource("table")
    void choose(Seen one, Seen two, Integer told, String decision, Integer from, String note) {
        RepoChoice.Choice c = RepoChoice.choose(Map.of(1, one, 2, two), Optional.ofNullable(told), n -> "repo" + n);
        assertEquals(decision, describe(c.repo()));
        assertEquals(Optional.ofNullable(from), c.from());
        assertEquals(Optional.ofNullable(note), c.note());
    }

    @ParameterizedTest
    @MethodSource("table")
    void oneRepositoryIsAsBeforeWithoutANote(Seen one, Seen two, Integer told, String decision, Integer from, String note) {
        RepoChoice.Choice c = RepoChoice.choose(Map.of(1, one), Optional.empty(), n -> "repo" + n);
        assertEquals(Optional.empty(), c.note());
        assertEquals(one instanceof Seen.Backups ? Optional.of(1) : Optional.empty(), c.from());
    }

    @org.junit.jupiter.api.Test
    void aTargetOnlyOneRepositoryReachesPicksThatOne() {
        // repo2's backups are newer, but only repo1's reach the target (an older time, or a set repo1 holds)
        Map<Integer, Seen> seen = RepoChoice.reaching(Map.of(1, OLD, 2, NEW), java.util.Set.of(1));
        RepoChoice.Choice c = RepoChoice.choose(seen, Optional.empty(), n -> "repo" + n);
        assertEquals(Optional.of(1), c.from());
        assertEquals("HasBackups 20261201-010000F", describe(c.repo()));
        // no repository reaches it: the choice is as without a target (the target's check then says why)
        assertEquals(Map.of(1, OLD, 2, NEW), RepoChoice.reaching(Map.of(1, OLD, 2, NEW), java.util.Set.of()));
        // a repository that cannot be read stays what it is
        assertEquals(Map.of(1, DOWN, 2, NEW), RepoChoice.reaching(Map.of(1, DOWN, 2, NEW), java.util.Set.of(2)));
    }
}
