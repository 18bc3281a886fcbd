package dev.pgctl.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.problem.ExitCodes;
import dev.pgctl.bootstrap.DataDir.State;
import dev.pgctl.bootstrap.Plan.Action;
import dev.pgctl.bootstrap.Planner.Repo;
import dev.pgctl.config.Config.RestorePolicy;
import dev.pgctl.config.Config.Role;
import java.util.stream.Stream;
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
        Planner.Input in = new Planner.Input(new DataDir.Found(s, s == State.OTHER_VERSION ? "17" : "18"), role, policy,
                "/var/lib/postgresql/18/docker", "pgctl:18");
        Plan plan = Planner.plan(in, repo);
        assertEquals(action, plan.action());
        assertEquals(code, plan.exitCode());
        if (subject != null) {
            assertEquals(subject, plan.problem().orElseThrow().subject());
            assertTrue(!plan.problem().get().fix().isEmpty(), "a refusal always carries a fix");
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
        Planner.Input in = new Planner.Input(new DataDir.Found(s, "18"), role, p, "/pgdata", "img");
        assertEquals(needed, Planner.needsRepository(in));
    }

    @org.junit.jupiter.api.Test
    void unreachableRepositoryRefusalOffersTheForceFreshInitSetting() {
        Planner.Input in = new Planner.Input(new DataDir.Found(State.EMPTY, ""), Role.PRIMARY, RestorePolicy.AUTO, "/d", "img");
        Plan plan = Planner.plan(in, DOWN);
        assertTrue(plan.problem().orElseThrow().fix().contains("to create a new, empty cluster anyway: PGCTL_RESTORE_ON_EMPTY=never"));
        assertTrue(plan.problem().get().what().contains("connection refused"));
    }
}
