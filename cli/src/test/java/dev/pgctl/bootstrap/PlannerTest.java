package dev.pgctl.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.bootstrap.DataDir.Marks;
import dev.pgctl.bootstrap.DataDir.State;
import dev.pgctl.bootstrap.Plan.Action;
import dev.pgctl.bootstrap.Plan.Background;
import dev.pgctl.bootstrap.Plan.Notice;
import dev.pgctl.bootstrap.Plan.Steps;
import dev.pgctl.bootstrap.Planner.Repo;
import dev.pgctl.config.Config;
import dev.pgctl.config.Config.RestorePolicy;
import dev.pgctl.config.Config.Role;
import dev.pgctl.config.ConfigLoader;
import dev.pgctl.config.Env;
import dev.pgctl.problem.ExitCodes;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlannerTest {
    static final Repo NONE = new Repo.NotConfigured();
    static final Repo BACKUPS = new Repo.HasBackups("20261122-010000F");
    static final Repo EMPTY = new Repo.Empty();
    static final Repo DOWN = new Repo.Unreachable("connection refused");

    static Stream<Arguments> table() {
        return Stream.of(
                // data directory, role, policy, repository -> action, exit code, subject of the problem
                row(State.CLUSTER, Role.PRIMARY, RestorePolicy.AUTO, NONE, Action.START_EXISTING, 0, null),
                row(State.CLUSTER, Role.REPLICA, RestorePolicy.AUTO, NONE, Action.START_EXISTING, 0, null),
                row(State.EMPTY, Role.PRIMARY, RestorePolicy.AUTO, BACKUPS, Action.RESTORE, 0, null),
                row(State.EMPTY, Role.PRIMARY, RestorePolicy.REQUIRE, BACKUPS, Action.RESTORE, 0, null),
                row(State.EMPTY, Role.PRIMARY, RestorePolicy.NEVER, BACKUPS, Action.INIT_NEW, 0, null),
                row(State.EMPTY, Role.PRIMARY, RestorePolicy.AUTO, EMPTY, Action.INIT_NEW, 0, null),
                row(State.EMPTY, Role.PRIMARY, RestorePolicy.NEVER, EMPTY, Action.INIT_NEW, 0, null),
                row(State.EMPTY, Role.PRIMARY, RestorePolicy.REQUIRE, EMPTY, Action.REFUSE, ExitCodes.UNSAFE, "PGCTL_RESTORE_ON_EMPTY"),
                row(State.EMPTY, Role.PRIMARY, RestorePolicy.AUTO, DOWN, Action.REFUSE, ExitCodes.UNSAFE, "PGBACKREST_REPO1_S3_ENDPOINT"),
                row(State.EMPTY, Role.PRIMARY, RestorePolicy.REQUIRE, DOWN, Action.REFUSE, ExitCodes.UNSAFE, "PGBACKREST_REPO1_S3_ENDPOINT"),
                row(State.EMPTY, Role.PRIMARY, RestorePolicy.AUTO, NONE, Action.REFUSE, ExitCodes.CONFIG, "PGBACKREST_REPO1_S3_BUCKET"),
                row(State.EMPTY, Role.REPLICA, RestorePolicy.AUTO, NONE, Action.CLONE_PRIMARY, 0, null),
                row(State.INTERRUPTED_RESTORE, Role.PRIMARY, RestorePolicy.AUTO, BACKUPS, Action.RESUME_RESTORE, 0, null),
                row(State.INTERRUPTED_RESTORE, Role.PRIMARY, RestorePolicy.NEVER, BACKUPS, Action.RESUME_RESTORE, 0, null),
                row(State.INTERRUPTED_RESTORE, Role.PRIMARY, RestorePolicy.AUTO, DOWN, Action.REFUSE, ExitCodes.UNSAFE, "PGBACKREST_REPO1_S3_ENDPOINT"),
                row(State.INTERRUPTED_RESTORE, Role.PRIMARY, RestorePolicy.AUTO, EMPTY, Action.REFUSE, ExitCodes.UNSAFE, "PGDATA"),
                row(State.INTERRUPTED_RESTORE, Role.REPLICA, RestorePolicy.AUTO, NONE, Action.REFUSE, ExitCodes.UNSAFE, "PGDATA"),
                row(State.EMPTY, Role.REPLICA, RestorePolicy.REQUIRE, NONE, Action.CLONE_PRIMARY, 0, null),
                row(State.INTERRUPTED_CLONE, Role.REPLICA, RestorePolicy.AUTO, NONE, Action.CLONE_PRIMARY, 0, null),
                row(State.INTERRUPTED_CLONE, Role.PRIMARY, RestorePolicy.AUTO, BACKUPS, Action.REFUSE, ExitCodes.UNSAFE, "PGCTL_ROLE"),
                row(State.RESTORE_REQUESTED, Role.PRIMARY, RestorePolicy.AUTO, BACKUPS, Action.RESTORE_IN_PLACE, 0, null),
                row(State.RESTORE_REQUESTED, Role.PRIMARY, RestorePolicy.NEVER, BACKUPS, Action.RESTORE_IN_PLACE, 0, null),
                row(State.RESTORE_REQUESTED, Role.PRIMARY, RestorePolicy.AUTO, DOWN, Action.REFUSE, ExitCodes.UNSAFE, "PGBACKREST_REPO1_S3_ENDPOINT"),
                row(State.RESTORE_REQUESTED, Role.PRIMARY, RestorePolicy.AUTO, EMPTY, Action.REFUSE, ExitCodes.UNSAFE, "PGDATA"),
                row(State.RESTORE_REQUESTED, Role.REPLICA, RestorePolicy.AUTO, NONE, Action.REFUSE, ExitCodes.STANDBY, "PGCTL_ROLE"),
                row(State.INCOMPLETE, Role.PRIMARY, RestorePolicy.AUTO, NONE, Action.REFUSE, ExitCodes.UNSAFE, "PGDATA"),
                row(State.NOT_A_CLUSTER, Role.PRIMARY, RestorePolicy.AUTO, NONE, Action.REFUSE, ExitCodes.UNSAFE, "PGDATA"),
                row(State.OTHER_VERSION, Role.PRIMARY, RestorePolicy.AUTO, NONE, Action.REFUSE, ExitCodes.UNSAFE, "PGDATA"));
    }

    static Arguments row(State s, Role role, RestorePolicy p, Repo repo, Action a, int code, String subject) {
        return Arguments.of(s, role, p, repo, a, code, subject);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} -> {4}")
    @MethodSource("table")
    void decides(State s, Role role, RestorePolicy policy, Repo repo, Action action, int code, String subject) {
        Planner.Input in = new Planner.Input(new DataDir.Found(s, s == State.OTHER_VERSION ? "17" : "18"), Marks.NONE,
                role, policy, true, false, false, true, "/var/lib/postgresql/18/docker", "pgctl:18");
        Plan plan = Planner.plan(in, repo);
        assertEquals(action, plan.action());
        assertEquals(code, plan.exitCode());
        if (subject != null) {
            assertEquals(subject, plan.problem().orElseThrow().subject());
            assertTrue(!plan.problem().get().fix().isEmpty(), "a refusal always carries a fix");
            assertEquals(Steps.none(Planner.archiving(in)), plan.steps(), "a refusal does nothing else");
        }
    }

    static Stream<Arguments> repositoryNeeded() {
        return Stream.of(
                Arguments.of(State.EMPTY, Role.PRIMARY, RestorePolicy.AUTO, true),
                Arguments.of(State.EMPTY, Role.PRIMARY, RestorePolicy.REQUIRE, true),
                Arguments.of(State.EMPTY, Role.PRIMARY, RestorePolicy.NEVER, false),
                Arguments.of(State.EMPTY, Role.REPLICA, RestorePolicy.AUTO, false),
                Arguments.of(State.CLUSTER, Role.PRIMARY, RestorePolicy.AUTO, false),
                Arguments.of(State.INTERRUPTED_RESTORE, Role.PRIMARY, RestorePolicy.NEVER, true));
    }

    @ParameterizedTest(name = "{0} {1} {2}: asks the repository = {3}")
    @MethodSource("repositoryNeeded")
    void asksTheRepositoryOnlyWhenItMatters(State s, Role role, RestorePolicy p, boolean needed) {
        Planner.Input in = new Planner.Input(new DataDir.Found(s, "18"), Marks.NONE, role, p, true, false, false, true, "/pgdata", "img");
        assertEquals(needed, Planner.needsRepository(in));
    }

    @Test
    void unreachableRepositoryRefusalOffersTheForceFreshInitSetting() {
        Planner.Input in = new Planner.Input(new DataDir.Found(State.EMPTY, ""), Marks.NONE, Role.PRIMARY, RestorePolicy.AUTO,
                true, false, false, true, "/d", "img");
        Plan plan = Planner.plan(in, DOWN);
        assertTrue(plan.problem().orElseThrow().fix().contains("to create a new, empty cluster anyway: PGCTL_RESTORE_ON_EMPTY=never"));
        assertTrue(plan.problem().get().what().contains("connection refused"));
    }

    // What PGDATA says besides its state (DataDir.Marks): made without pgctl, backups-pending marker, standby.signal.
    static final Marks PLAIN = Marks.NONE;
    static final Marks OFFICIAL = new Marks(true, false, false);
    static final Marks PENDING = new Marks(false, true, false);
    static final Marks STANDBY = new Marks(false, false, true);
    static final Marks OFFICIAL_STANDBY = new Marks(true, false, true);

    /**
     * Every step around the action. Given: data directory, what else it says, role, settings ("repository":
     * one is configured, "role": PGCTL_REPLICATION_PASSWORD is set, "monitor": metrics or notifications are on, "services": no --no-services), what the
     * repository holds. Expected: the action and all its steps, in words (see {@link #steps}).
     */
    static Stream<Arguments> stepsTable() {
        return Stream.of(
                // the monitor (metrics, alerts, heartbeat) runs on every role and state when it has work
                steps(State.CLUSTER, PLAIN, Role.PRIMARY, "repository services monitor", NONE,
                        Action.START_EXISTING, "archiving first-backup scheduler monitor"),
                steps(State.CLUSTER, PLAIN, Role.PRIMARY, "repository monitor", NONE,
                        Action.START_EXISTING, "archiving"),
                steps(State.CLUSTER, STANDBY, Role.REPLICA, "repository role services monitor", NONE,
                        Action.START_EXISTING, "compare-with-primary notice=STANDBY scheduler monitor"),
                steps(State.CLUSTER, OFFICIAL, Role.PRIMARY, "repository services monitor", NONE,
                        Action.START_EXISTING, "mark-backups-pending notice=BACKUPS_PENDING monitor"),
                steps(State.EMPTY, PLAIN, Role.REPLICA, "services monitor", NONE,
                        Action.CLONE_PRIMARY, "notice=STANDBY monitor"),
                // a pgctl cluster on a primary: archives, first backup, schedule
                steps(State.CLUSTER, PLAIN, Role.PRIMARY, "repository services", NONE,
                        Action.START_EXISTING, "archiving first-backup scheduler"),
                steps(State.CLUSTER, PLAIN, Role.PRIMARY, "repository role services", NONE,
                        Action.START_EXISTING, "archiving first-backup replication-role scheduler"),
                steps(State.CLUSTER, PLAIN, Role.PRIMARY, "repository role", NONE,
                        Action.START_EXISTING, "archiving"),
                steps(State.CLUSTER, PLAIN, Role.PRIMARY, "services", NONE,
                        Action.START_EXISTING, "archiving"),
                steps(State.CLUSTER, PLAIN, Role.PRIMARY, "role services", NONE,
                        Action.START_EXISTING, "archiving replication-role"),
                // a cluster of the official image is adopted: marker written, nothing archived or backed up
                steps(State.CLUSTER, OFFICIAL, Role.PRIMARY, "repository role services", NONE,
                        Action.START_EXISTING, "mark-backups-pending notice=BACKUPS_PENDING replication-role"),
                steps(State.CLUSTER, OFFICIAL, Role.PRIMARY, "repository", NONE,
                        Action.START_EXISTING, "mark-backups-pending notice=BACKUPS_PENDING"),
                // adopted earlier, still waiting for pgctl enable-backups: the marker is there already
                steps(State.CLUSTER, PENDING, Role.PRIMARY, "repository role services", NONE,
                        Action.START_EXISTING, "notice=BACKUPS_PENDING replication-role"),
                // a standby: compared with its primary, never archives or backs up; the schedule logs skips
                steps(State.CLUSTER, STANDBY, Role.REPLICA, "repository role services", NONE,
                        Action.START_EXISTING, "compare-with-primary notice=STANDBY scheduler"),
                steps(State.CLUSTER, STANDBY, Role.REPLICA, "role services", NONE,
                        Action.START_EXISTING, "compare-with-primary notice=STANDBY"),
                steps(State.CLUSTER, OFFICIAL_STANDBY, Role.REPLICA, "repository role services", NONE,
                        Action.START_EXISTING, "mark-backups-pending compare-with-primary notice=STANDBY"),
                // PGCTL_ROLE=replica on a primary's data (promoted): starts as a primary, with a warning
                steps(State.CLUSTER, PLAIN, Role.REPLICA, "repository role services", NONE,
                        Action.START_EXISTING, "archiving warn-not-a-standby first-backup replication-role scheduler"),
                // standby.signal on a primary's volume: the role decides, not the file
                steps(State.CLUSTER, STANDBY, Role.PRIMARY, "repository services", NONE,
                        Action.START_EXISTING, "archiving first-backup scheduler"),
                // a new replica copies its primary and becomes a standby
                steps(State.EMPTY, PLAIN, Role.REPLICA, "repository role services", NONE,
                        Action.CLONE_PRIMARY, "notice=STANDBY scheduler"),
                steps(State.INTERRUPTED_CLONE, PLAIN, Role.REPLICA, "repository role services", NONE,
                        Action.CLONE_PRIMARY, "notice=STANDBY scheduler"),
                steps(State.EMPTY, PLAIN, Role.REPLICA, "role", NONE,
                        Action.CLONE_PRIMARY, "notice=STANDBY"),
                // restores: the environment's target is checked first, except for pgctl restore's own request
                steps(State.EMPTY, PLAIN, Role.PRIMARY, "repository role services", BACKUPS,
                        Action.RESTORE, "archiving check-restore-target first-backup replication-role scheduler"),
                steps(State.INTERRUPTED_RESTORE, PLAIN, Role.PRIMARY, "repository services", BACKUPS,
                        Action.RESUME_RESTORE, "archiving check-restore-target first-backup scheduler"),
                steps(State.RESTORE_REQUESTED, PLAIN, Role.PRIMARY, "repository services", BACKUPS,
                        Action.RESTORE_IN_PLACE, "archiving first-backup scheduler"),
                // marks count only for a cluster that starts as it is
                steps(State.RESTORE_REQUESTED, OFFICIAL, Role.PRIMARY, "repository services", BACKUPS,
                        Action.RESTORE_IN_PLACE, "archiving first-backup scheduler"),
                steps(State.EMPTY, PLAIN, Role.PRIMARY, "repository role services", EMPTY,
                        Action.INIT_NEW, "archiving first-backup replication-role scheduler"),
                steps(State.EMPTY, PLAIN, Role.PRIMARY, "repository", EMPTY,
                        Action.INIT_NEW, "archiving"),
                // refusals: only the configuration files were written (archiving says how)
                steps(State.EMPTY, PLAIN, Role.PRIMARY, "role services", NONE,
                        Action.REFUSE, "archiving"),
                steps(State.INCOMPLETE, PLAIN, Role.REPLICA, "repository role services", NONE,
                        Action.REFUSE, "archiving"),
                steps(State.INTERRUPTED_CLONE, PLAIN, Role.PRIMARY, "repository role services", BACKUPS,
                        Action.REFUSE, "archiving"),
                steps(State.RESTORE_REQUESTED, PLAIN, Role.REPLICA, "repository role services", NONE,
                        Action.REFUSE, "archiving"));
    }

    static Arguments steps(State s, Marks marks, Role role, String given, Repo repo, Action action, String expected) {
        Set<String> g = words(given);
        Planner.Input in = new Planner.Input(new DataDir.Found(s, "18"), marks, role, RestorePolicy.AUTO,
                g.remove("repository"), g.remove("role"), g.remove("monitor"), g.remove("services"), "/var/lib/postgresql/18/docker", "pgctl:18");
        assertTrue(g.isEmpty(), "unknown settings " + g);
        return Arguments.of(s + " " + marks + " " + role + " [" + given + "] " + repo.getClass().getSimpleName(),
                in, repo, action, steps(expected));
    }

    /** Steps from words: each word turns one on; notice=X sets the notice. */
    static Steps steps(String expected) {
        Set<String> w = words(expected);
        Notice notice = w.stream().filter(x -> x.startsWith("notice=")).findFirst()
                .map(x -> Notice.valueOf(x.substring("notice=".length()))).orElse(Notice.NONE);
        w.removeIf(x -> x.startsWith("notice="));
        Steps steps = new Steps(w.remove("archiving"), w.remove("check-restore-target"), w.remove("mark-backups-pending"),
                w.remove("compare-with-primary"), w.remove("warn-not-a-standby"), notice,
                new Background(w.remove("first-backup"), w.remove("replication-role"), w.remove("scheduler"),
                        w.remove("monitor")));
        assertTrue(w.isEmpty(), "unknown steps " + w);
        return steps;
    }

    static Set<String> words(String s) {
        return new HashSet<>(s.isBlank() ? List.of() : Arrays.asList(s.strip().split("\\s+")));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("stepsTable")
    void decidesEveryStep(String name, Planner.Input in, Repo repo, Action action, Steps expected) {
        Plan plan = Planner.plan(in, repo);
        assertEquals(action, plan.action());
        assertEquals(expected, plan.steps());
        assertEquals(Planner.archiving(in), plan.steps().archiving(), "the configuration files were written with the same");
    }

    @Test
    void anInputOfTheSettings() throws Exception {
        Config c = new ConfigLoader(new Env(Map.of("PGCTL_ROLE", "replica",
                "PGCTL_PRIMARY_HOST", "db", "PGCTL_REPLICATION_PASSWORD", "r"), p -> ""), 2).load();
        Planner.Input in = Planner.Input.of(new DataDir.Found(State.EMPTY, ""), Marks.NONE, c, false, "img");
        assertEquals(new Planner.Input(new DataDir.Found(State.EMPTY, ""), Marks.NONE, Role.REPLICA, c.restoreOnEmpty(),
                c.repo().isPresent(), true, true, false, c.postgres().pgdata().toString(), "img"), in,
                "metrics are on by default: the monitor has work");
    }

    static Stream<Arguments> monitorSettings() {
        return Stream.of(
                Arguments.of(Map.of(), true),
                Arguments.of(Map.of("PGCTL_METRICS_PORT", "off"), false),
                Arguments.of(Map.of("PGCTL_METRICS_PORT", "off", "PGCTL_NOTIFY_URL", "http://hooks:8080/h"), true),
                Arguments.of(Map.of("PGCTL_METRICS_PORT", "off", "PGCTL_NOTIFY_HEARTBEAT_URL", "http://hooks:8080/p"), true),
                Arguments.of(Map.of("PGCTL_METRICS_PORT", "off", "PGCTL_WAL_BACKLOG_MAX", "2GB"), true));
    }

    @ParameterizedTest(name = "{0}: monitor = {1}")
    @MethodSource("monitorSettings")
    void theMonitorRunsForMetricsOrNotifications(Map<String, String> env, boolean monitor) throws Exception {
        Config c = new ConfigLoader(new Env(env, p -> ""), 2).load();
        assertEquals(monitor, Planner.Input.of(new DataDir.Found(State.CLUSTER, "18"), Marks.NONE, c, true, "img").monitor());
    }
}
