package dev.pgctl.restore;

import dev.pgctl.config.RestoreTarget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.config.RestoreTimes;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.pgbackrest.RepoInfo;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.Problem;
import dev.pgctl.restore.Preconditions.DirState;
import dev.pgctl.restore.Preconditions.Kind;
import dev.pgctl.restore.Preconditions.Refusal;
import dev.pgctl.config.RestoreTarget.Names;
import dev.pgctl.text.SafeText;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What a drill and an in-place restore check before they change anything: one decision each, the same for both where they share it. */
class PreconditionsTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final RepoInfo.Backup FULL = new RepoInfo.Backup("20261120-010000F", "full", Instant.parse("2026-11-20T01:00:00Z"),
            Instant.parse("2026-11-20T01:05:00Z"), 1, 1, Optional.empty(), Optional.empty(), Map.of(), false);
    static final InfoResult WITH_BACKUP = new InfoResult(Optional.of(new RepoInfo(0, "ok", List.of(FULL),
            Optional.of("000000010000000000000001"), Optional.of("00000001000000000000002A"), false, Optional.empty(),
            Optional.empty())), "");
    static final InfoResult EMPTY = new InfoResult(Optional.of(new RepoInfo(2, "no valid backups", List.of(),
            Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty())), "");
    static final InfoResult UNREADABLE = new InfoResult(Optional.empty(), "HostConnectError: unable to get address for 's3'");
    static final RestoreTarget FUTURE = new RestoreTarget(RestoreTimes.parse("2099-01-01 00:00:00+00"), Optional.empty(),
            Optional.empty(), Optional.empty());
    static final RestoreTarget INSIDE = new RestoreTarget(RestoreTimes.parse("2026-11-21 00:00:00+00"), Optional.empty(),
            Optional.empty(), Optional.empty());
    static final RestoreTarget NO_SUCH_SET = new RestoreTarget(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.of("20261101-010000F"));

    static Stream<Arguments> repositories() {
        return Stream.of(
                // kind, repository, target, names: exit code, subject, why (null: no refusal)
                Arguments.of(Kind.DRILL, UNREADABLE, RestoreTarget.latest(), Names.CLI, ExitCodes.FAILED, "repository",
                        "a drill restores from the repository"),
                Arguments.of(Kind.IN_PLACE, UNREADABLE, RestoreTarget.latest(), Names.CLI, ExitCodes.FAILED, "repository",
                        "nothing was changed"),
                Arguments.of(Kind.DRILL, EMPTY, RestoreTarget.latest(), Names.CLI, ExitCodes.FAILED, "repository", ""),
                Arguments.of(Kind.IN_PLACE, EMPTY, RestoreTarget.latest(), Names.CLI, ExitCodes.FAILED, "repository",
                        "nothing was changed"),
                Arguments.of(Kind.DRILL, WITH_BACKUP, FUTURE, Names.CLI, ExitCodes.CONFIG, "--time", null),
                Arguments.of(Kind.IN_PLACE, WITH_BACKUP, FUTURE, Names.CLI, ExitCodes.CONFIG, "--time", null),
                Arguments.of(Kind.IN_PLACE, WITH_BACKUP, FUTURE, Names.ENV, ExitCodes.CONFIG, "PGCTL_RESTORE_TARGET_TIME", null),
                Arguments.of(Kind.DRILL, WITH_BACKUP, NO_SUCH_SET, Names.CLI, ExitCodes.CONFIG, "--set", null),
                Arguments.of(Kind.DRILL, WITH_BACKUP, INSIDE, Names.CLI, null, null, null),
                Arguments.of(Kind.IN_PLACE, WITH_BACKUP, RestoreTarget.latest(), Names.CLI, null, null, null));
    }

    @ParameterizedTest(name = "[{index}] {0} {5}")
    @MethodSource("repositories")
    void theRepositoryIsCheckedTheSameWayForADrillAndAnInPlaceRestore(Kind kind, InfoResult info, RestoreTarget target,
            Names names, Integer exit, String subject, String why) {
        Optional<Refusal> r = Preconditions.repository(kind, info, target, names, NOW);
        if (exit == null) {
            assertEquals(Optional.empty(), r);
            return;
        }
        assertTrue(r.isPresent(), "refused");
        assertEquals(exit, r.get().exitCode());
        assertEquals(subject, r.get().problem().subject());
        if (why != null) {
            assertEquals(why, r.get().problem().why());
        }
        assertEquals(exit, r.get().exception().exitCode());
    }

    @Test
    void anUnreadableRepositoryGetsTheFixForItsError() {
        Problem p = Preconditions.repository(Kind.DRILL, UNREADABLE, RestoreTarget.latest(), Names.CLI, NOW).orElseThrow().problem();
        assertEquals("cannot be read: HostConnectError: unable to get address for 's3'", p.what());
        assertEquals(1, p.fix().size());
        assertEquals(List.of("docker exec <container> pgctl backup full"),
                Preconditions.repository(Kind.IN_PLACE, EMPTY, RestoreTarget.latest(), Names.CLI, NOW).orElseThrow().problem().fix());
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource({
        "DRILL,    true,  ",
        "IN_PLACE, true,  ",
        "DRILL,    false, a drill restores from the repository",
        "IN_PLACE, false, the cluster is restored from the repository"})
    void aRestoreNeedsARepository(Kind kind, boolean configured, String why) {
        Optional<Refusal> r = Preconditions.configured(kind, configured);
        assertEquals(why == null, r.isEmpty());
        r.ifPresent(x -> {
            assertEquals(ExitCodes.CONFIG, x.exitCode());
            assertEquals("PGBACKREST_REPO1_S3_BUCKET", x.problem().subject());
            assertEquals(why, x.problem().why());
        });
    }

    @ParameterizedTest(name = "[{index}] running={0} standby={1} pending={2}")
    @CsvSource({
        // running, standby, backups pending: exit code, subject, what
        "false, false, false, 1, postgresql,            is not running in this container",
        "false, true,  true,  1, postgresql,            is not running in this container",
        "true,  true,  false, 5, postgresql,            is a standby",
        "true,  true,  true,  5, postgresql,            is a standby",
        "true,  false, true,  1, pgctl enable-backups,  backups are not enabled for this cluster: the repository holds nothing of it to restore",
        "true,  false, false, ,  ,                      "})
    void anInPlaceRestoreIsAskedOfARunningPrimaryWithBackups(boolean running, boolean standby, boolean pending, Integer exit,
            String subject, String what) {
        Optional<Refusal> r = Preconditions.server(running, standby, pending, "docker exec <c> pgctl enable-backups");
        if (exit == null) {
            assertEquals(Optional.empty(), r);
            return;
        }
        assertEquals(exit, r.orElseThrow().exitCode());
        assertEquals(subject, r.get().problem().subject());
        assertEquals(what, r.get().problem().what());
        if (pending && !standby) {
            assertEquals(List.of("docker exec <c> pgctl enable-backups"), r.get().problem().fix());
        }
    }

    @ParameterizedTest(name = "[{index}] {0} {2}")
    @CsvSource({
        // directory, PGDATA, what is there: exit code, what (empty: accepted)
        "/tmp/drill,                          /var/lib/postgresql/18/docker, ABSENT,          ,  ",
        "/tmp/drill,                          /var/lib/postgresql/18/docker, EMPTY_DIRECTORY, ,  ",
        "/tmp/drill,                          /var/lib/postgresql/18/docker, OTHER,           4, /tmp/drill exists and is not empty",
        "/var/lib/postgresql/18/docker/x,     /var/lib/postgresql/18/docker, ABSENT,          4, /var/lib/postgresql/18/docker/x overlaps PGDATA (/var/lib/postgresql/18/docker)",
        "/var/lib/postgresql/18/docker,       /var/lib/postgresql/18/docker, OTHER,           4, /var/lib/postgresql/18/docker overlaps PGDATA (/var/lib/postgresql/18/docker)",
        "/var/lib/postgresql,                 /var/lib/postgresql/18/docker, OTHER,           4, /var/lib/postgresql overlaps PGDATA (/var/lib/postgresql/18/docker)",
        "/var/lib/postgresql/18/docker-drill, /var/lib/postgresql/18/docker, ABSENT,          ,  "})
    void aDrillWritesOnlyIntoADirectoryOfItsOwn(String dir, String pgdata, DirState state, Integer exit, String what) {
        Optional<Refusal> r = Preconditions.drillDirectory(Path.of(dir), Path.of(pgdata), state, 1764000000L);
        if (exit == null) {
            assertEquals(Optional.empty(), r);
            return;
        }
        assertEquals(exit, r.orElseThrow().exitCode());
        assertEquals("--to", r.get().problem().subject());
        assertEquals(what, r.get().problem().what());
        if (state == DirState.OTHER && what.contains("not empty")) {
            assertEquals(List.of("pgctl restore --to " + dir + "-1764000000"), r.get().problem().fix());
        }
    }

    static Stream<Arguments> drillPaths() {
        return Stream.of(
                Arguments.of("/tmp/my drill", "holds a space at position 8"),
                Arguments.of("/tmp/$(reboot)", "holds '$'"),
                Arguments.of("/tmp/`id`", "holds '`'"),
                Arguments.of("/tmp/a\"b", "holds '\"'"),
                Arguments.of("/tmp/a'b", "holds '''"),
                Arguments.of("/tmp/a;b", "holds ';'"),
                Arguments.of("/tmp/a,b", "holds ','"),
                Arguments.of("/tmp/a%p", "holds '%'"),
                Arguments.of("/tmp/a\nb", "holds a newline (\\n)"),
                Arguments.of("/tmp/" + "d".repeat(90), "is longer than 93 bytes"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("drillPaths")
    void aDrillDirectoryThatWouldReachAShellUnquotedIsRefused(String dir, String what) {
        Optional<Refusal> r = Preconditions.drillPath(Path.of(dir));
        assertTrue(r.isPresent(), dir);
        assertEquals(ExitCodes.CONFIG, r.get().exitCode());
        Problem p = r.get().problem();
        assertEquals("--to", p.subject());
        assertTrue(p.what().contains(what), p.what());
        assertTrue(SafeText.safe(p.render().replace("\n", "")), p.render());
        assertEquals(List.of("pgctl restore --to /tmp/drill"), p.fix());
    }

    @Test
    void plainDrillDirectoriesPass() {
        for (String d : List.of("/tmp/drill", "/var/tmp/drill-2026_11.22+1", "/tmp/" + "d".repeat(88))) {
            assertEquals(Optional.empty(), Preconditions.drillPath(Path.of(d)), d);
        }
    }
}
