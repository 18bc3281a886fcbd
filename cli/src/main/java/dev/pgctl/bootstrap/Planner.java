package dev.pgctl.bootstrap;

import dev.pgctl.bootstrap.DataDir.State;
import dev.pgctl.bootstrap.Plan.Action;
import dev.pgctl.bootstrap.Plan.Notice;
import dev.pgctl.bootstrap.Plan.Background;
import dev.pgctl.bootstrap.Plan.Steps;
import dev.pgctl.config.Config;
import dev.pgctl.config.Config.RestorePolicy;
import dev.pgctl.config.Config.Role;
import dev.pgctl.config.ConfigLoader;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.Problem;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The start-up decision as a pure function of what PGDATA holds, the role, the settings and, when it
 * matters, what the repository holds: the action on PGDATA and every step around it (archiving,
 * backups pending, standby, which services start). Every branch is covered by PlannerTest's tables.
 */
public final class Planner {

    /** What the repository said, when bootstrap had to ask. */
    public sealed interface Repo {
        record NotConfigured() implements Repo {
        }

        record HasBackups(String latestLabel) implements Repo {
        }

        record Empty() implements Repo {
        }

        record Unreachable(String reason) implements Repo {
        }
    }

    /**
     * What bootstrap found and was told.
     *
     * @param repository      a backup repository is configured
     * @param replicationRole PGCTL_REPLICATION_PASSWORD is set: the after-start job keeps the replication role
     * @param monitor         the monitor has work: metrics are served (PGCTL_METRICS_PORT), alerts or a
     *                        heartbeat are configured (PGCTL_NOTIFY_URL, PGCTL_NOTIFY_HEARTBEAT_URL), or the WAL
     *                        guard is on (PGCTL_WAL_BACKLOG_MAX)
     * @param services        the background services may start (not with --no-services)
     */
    public record Input(DataDir.Found data, DataDir.Marks marks, Role role, RestorePolicy policy, boolean repository,
            boolean replicationRole, boolean monitor, boolean services, String pgdata, String image) {

        public static Input of(DataDir.Found data, DataDir.Marks marks, Config c, boolean services, String image) {
            // the WAL guard's part (recording the gap, the full backup after it) runs in the monitor too
            boolean monitor = c.monitoring().metricsPort().isPresent() || c.notifications().enabled()
                    || c.monitoring().walBacklogMax().isPresent();
            return new Input(data, marks, c.role(), c.restoreOnEmpty(), c.repo().isPresent(), c.replication().managed(),
                    monitor, services, c.postgres().pgdata().toString(), image);
        }
    }

    /** The action on PGDATA, before the steps around it are added. */
    private record Choice(Action action, String reason, Optional<Problem> problem, int exitCode) {
    }

    private Planner() {
    }

    /** Whether {@link #plan} needs to know what the repository holds. */
    public static boolean needsRepository(Input in) {
        return switch (in.data().state()) {
            case EMPTY -> in.role() == Role.PRIMARY && in.policy() != RestorePolicy.NEVER;
            case INTERRUPTED_RESTORE, RESTORE_REQUESTED -> in.role() == Role.PRIMARY;
            default -> false;
        };
    }

    /**
     * A replica that is, or is about to become, a standby: it never archives, backups are taken on the primary.
     */
    static boolean standby(Input in) {
        return in.role() == Role.REPLICA && switch (in.data().state()) {
            case EMPTY, INTERRUPTED_CLONE -> true;
            case CLUSTER -> in.marks().standbySignal();
            default -> false;
        };
    }

    /** A cluster the official image made: pgctl adopts it with backups pending. */
    static boolean adopting(Input in) {
        return in.data().state() == State.CLUSTER && in.marks().madeWithoutPgctl();
    }

    /** Backups wait for pgctl enable-backups. */
    static boolean pending(Input in) {
        return adopting(in) || (in.data().state() == State.CLUSTER && in.marks().backupsPending());
    }

    /**
     * Whether the PostgreSQL include turns WAL archiving on. Known before the repository is asked, because
     * the configuration files, which pgbackrest reads, are written first; {@link Plan.Steps#archiving} says the same.
     */
    public static boolean archiving(Input in) {
        return !pending(in) && !standby(in);
    }

    public static Plan plan(Input in, Repo repo) {
        Choice choice = choose(in, repo);
        return new Plan(choice.action(), choice.reason(), choice.problem(), choice.exitCode(),
                choice.action() == Action.REFUSE ? Steps.none(archiving(in)) : steps(in, choice.action()));
    }

    private static Steps steps(Input in, Action action) {
        boolean standby = standby(in);
        boolean pending = pending(in);
        boolean existing = action == Action.START_EXISTING;
        Background background = in.services()
                ? new Background(!pending && !standby && in.repository(), !standby && in.replicationRole(),
                        !pending && in.repository(), in.monitor())
                : Background.NONE;
        return new Steps(archiving(in), action == Action.RESTORE || action == Action.RESUME_RESTORE,
                existing && adopting(in), existing && standby, existing && in.role() == Role.REPLICA && !standby,
                standby ? Notice.STANDBY : pending ? Notice.BACKUPS_PENDING : Notice.NONE, background);
    }

    private static Choice choose(Input in, Repo repo) {
        String pgdata = in.pgdata();
        return switch (in.data().state()) {
            case CLUSTER -> of(Action.START_EXISTING, "PGDATA holds a PostgreSQL " + in.data().version() + " cluster");
            case OTHER_VERSION -> refuse(ExitCodes.UNSAFE, Problem.of("PGDATA",
                    pgdata + " holds a PostgreSQL " + in.data().version() + " cluster, and this image runs PostgreSQL 18",
                    "PostgreSQL cannot open a data directory of another major version; pgctl leaves it untouched",
                    "upgrade it with pg_upgrade (or dump and restore), or use a new volume and restore from a backup",
                    "to keep using it as is, start the image of its own version"));
            case NOT_A_CLUSTER -> refuse(ExitCodes.UNSAFE, Problem.of("PGDATA",
                    pgdata + " is not empty but holds no PostgreSQL cluster (no PG_VERSION)",
                    "initdb and restore both need an empty directory, and pgctl never deletes files it did not create",
                    "look at what is there: docker run --rm -v <volume>:/var/lib/postgresql " + in.image() + " ls -la " + pgdata,
                    "if it is not needed, empty it, or point PGDATA at a subdirectory (the default is "
                            + ConfigLoader.DEFAULT_PGDATA + ")"));
            case INCOMPLETE -> refuse(ExitCodes.UNSAFE, Problem.of("PGDATA",
                    pgdata + " has PG_VERSION but no global/pg_control: an unfinished restore or a damaged cluster",
                    "starting it could not work, and pgctl does not overwrite a directory it cannot account for",
                    "to restore the latest backup into it, empty it first: docker run --rm -v <volume>:/var/lib/postgresql "
                            + in.image() + " sh -c 'rm -rf " + pgdata + "/*'",
                    "then start the container again"));
            case EMPTY -> empty(in, repo);
            case INTERRUPTED_RESTORE -> interrupted(in, repo);
            case RESTORE_REQUESTED -> requested(in, repo);
            case INTERRUPTED_CLONE -> in.role() == Role.REPLICA
                    ? of(Action.CLONE_PRIMARY, "a copy of the primary into PGDATA was interrupted; it is redone from the start")
                    : refuse(ExitCodes.UNSAFE, Problem.of("PGCTL_ROLE",
                            in.pgdata() + " holds an interrupted copy of a primary (this node was a replica), and PGCTL_ROLE is primary",
                            "a partial copy is not a cluster; pgctl does not start it or delete it on its own",
                            "to go on as a replica: PGCTL_ROLE=replica (the copy is redone from the start)",
                            "to start a new primary instead, empty the volume: docker run --rm -v <volume>:/var/lib/postgresql "
                                    + in.image() + " sh -c 'rm -rf " + in.pgdata() + "/* " + in.pgdata() + "/../.*.pgctl-clone'"));
        };
    }

    private static Choice empty(Input in, Repo repo) {
        if (in.role() == Role.REPLICA) {
            return of(Action.CLONE_PRIMARY, "PGDATA is empty and this node is a replica: it copies its primary");
        }
        if (repo instanceof Repo.NotConfigured) {
            return refuse(ExitCodes.CONFIG, Problem.noRepository("every new cluster this image creates is backed up to S3, and an empty data directory may need "
                            + "a restore from there"));
        }
        if (in.policy() == RestorePolicy.NEVER) {
            return of(Action.INIT_NEW, "PGDATA is empty and PGCTL_RESTORE_ON_EMPTY=never");
        }
        return switch (repo) {
            case Repo.HasBackups b -> of(Action.RESTORE, "PGDATA is empty and the repository holds backup " + b.latestLabel());
            case Repo.Empty e -> in.policy() == RestorePolicy.REQUIRE
                    ? refuse(ExitCodes.UNSAFE, Problem.of("PGCTL_RESTORE_ON_EMPTY",
                            "is 'require' but the repository holds no backup to restore",
                            "with 'require' pgctl never creates a new, empty cluster",
                            "check PGBACKREST_REPO1_S3_BUCKET, PGBACKREST_REPO1_PATH and PGBACKREST_STANZA point at your backups",
                            "or, to create a new cluster: PGCTL_RESTORE_ON_EMPTY=auto"))
                    : of(Action.INIT_NEW, "PGDATA is empty and the repository holds no backup");
            case Repo.Unreachable u -> refuse(ExitCodes.UNSAFE, Problem.of("PGBACKREST_REPO1_S3_ENDPOINT",
                    "the backup repository cannot be read, so pgctl cannot tell whether a database must be restored ("
                            + u.reason() + ")",
                    "creating an empty cluster now could hide a database that exists only in the backups",
                    "check the endpoint, bucket, credentials and CA file, then start the container again",
                    "test from the host: docker run --rm --env-file <your env> " + in.image() + " pgctl check",
                    "to create a new, empty cluster anyway: PGCTL_RESTORE_ON_EMPTY=never"));
            case Repo.NotConfigured n -> throw new IllegalStateException("handled above");
        };
    }

    private static Choice requested(Input in, Repo repo) {
        String cancel = "to cancel the restore and start the cluster as it is: docker run --rm -v <volume>:/var/lib/postgresql "
                + in.image() + " rm " + DataDir.restoreRequest(Path.of(in.pgdata()));
        if (in.role() == Role.REPLICA) {
            return refuse(ExitCodes.STANDBY, Problem.of("PGCTL_ROLE",
                    "an in-place restore was requested, and this node is a replica",
                    "a replica is copied from its primary, never restored from the repository; the cluster is untouched",
                    cancel));
        }
        return switch (repo) {
            case Repo.HasBackups b -> of(Action.RESTORE_IN_PLACE,
                    "pgctl restore requested an in-place restore; the repository holds backup " + b.latestLabel());
            case Repo.Unreachable u -> refuse(ExitCodes.UNSAFE, Problem.of("PGBACKREST_REPO1_S3_ENDPOINT",
                    "an in-place restore was requested and the repository cannot be read now (" + u.reason() + ")",
                    "the cluster is kept as it is and not started, so that the restore you asked for is not skipped",
                    "fix the repository settings or wait for S3 to be back, then start the container again", cancel));
            default -> refuse(ExitCodes.UNSAFE, Problem.of("PGDATA",
                    "an in-place restore was requested and the repository holds no backup",
                    "the cluster is kept as it is and not started",
                    "check PGBACKREST_REPO1_PATH and PGBACKREST_STANZA", cancel));
        };
    }

    private static Choice interrupted(Input in, Repo repo) {
        if (in.role() == Role.REPLICA) {
            return refuse(ExitCodes.UNSAFE, Problem.of("PGDATA",
                    in.pgdata() + " holds an interrupted restore, and this node is now a replica",
                    "a replica is cloned from its primary, not restored from the repository",
                    "empty the directory to clone the primary: docker run --rm -v <volume>:/var/lib/postgresql "
                            + in.image() + " sh -c 'rm -rf " + in.pgdata() + "/* " + in.pgdata() + "/../." + "*.pgctl-restore'"));
        }
        return switch (repo) {
            case Repo.HasBackups b -> of(Action.RESUME_RESTORE,
                    "a restore into PGDATA was interrupted; it is redone with --delta from backup " + b.latestLabel());
            case Repo.Unreachable u -> refuse(ExitCodes.UNSAFE, Problem.of("PGBACKREST_REPO1_S3_ENDPOINT",
                    "a restore into PGDATA was interrupted and the repository cannot be read now (" + u.reason() + ")",
                    "the half-restored directory is kept as it is and not started",
                    "fix the repository settings or wait for S3 to be back, then start the container again"));
            default -> refuse(ExitCodes.UNSAFE, Problem.of("PGDATA",
                    "a restore into PGDATA was interrupted and the repository no longer holds a backup",
                    "the half-restored directory is kept as it is and not started",
                    "check PGBACKREST_REPO1_PATH and PGBACKREST_STANZA, or empty the volume to start a new cluster"));
        };
    }

    private static Choice of(Action action, String reason) {
        return new Choice(action, reason, Optional.empty(), 0);
    }

    private static Choice refuse(int exitCode, Problem problem) {
        return new Choice(Action.REFUSE, problem.what(), Optional.of(problem), exitCode);
    }
}
