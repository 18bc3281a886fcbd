package dev.pgctl.restore;

import dev.pgctl.config.RestoreTarget;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.pgbackrest.RepoErrors;
import dev.pgctl.pgbackrest.RepoInfo;
import dev.pgctl.pgbackrest.RestoreTargets;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.problem.Problem;
import dev.pgctl.config.RestoreTarget.Names;
import dev.pgctl.text.SafeText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What must hold before a restore drill or an in-place restore changes anything; each check is a pure
 * decision over facts its caller gathered, and the first refusal wins. The repository part is the same
 * for both kinds of restore ({@link #repository}).
 */
public final class Preconditions {
    /** A unix socket's path is at most 107 bytes; the drill's server puts /.s.PGSQL.5432 in its directory. */
    static final int DRILL_DIR_MAX_BYTES = 107 - "/.s.PGSQL.5432".length();

    /** Which restore is asked for: the messages say why a check matters to it. */
    public enum Kind {
        DRILL("a drill restores from the repository", "a drill restores from the repository", ""),
        IN_PLACE("the cluster is restored from the repository", "nothing was changed", "nothing was changed");

        private final String needsRepository;
        private final String unreadable;
        private final String empty;

        Kind(String needsRepository, String unreadable, String empty) {
            this.needsRepository = needsRepository;
            this.unreadable = unreadable;
            this.empty = empty;
        }
    }

    /** A refusal: the exit code and the problem shown; nothing was changed. */
    public record Refusal(int exitCode, Problem problem) {
        public PgctlException exception() {
            return new PgctlException(exitCode, problem);
        }
    }

    private Preconditions() {
    }

    /** Throws the refusal, if there is one. */
    static void require(Optional<Refusal> refusal) {
        if (refusal.isPresent()) {
            throw refusal.get().exception();
        }
    }

    /** A restore needs a repository to restore from. */
    public static Optional<Refusal> configured(Kind kind, boolean hasRepository) {
        return hasRepository ? Optional.empty()
                : Optional.of(new Refusal(ExitCodes.CONFIG, Problem.noRepository(kind.needsRepository)));
    }

    /**
     * The repository can be read, holds a backup, and reaches the target; problems with the target name
     * the inputs it came from ({@code names}).
     */
    public static Optional<Refusal> repository(Kind kind, InfoResult info, RestoreTarget target, Names names, Instant now) {
        if (!info.reachable()) {
            return Optional.of(new Refusal(ExitCodes.FAILED, Problem.of("repository", "cannot be read: " + info.error(),
                    kind.unreadable, RepoErrors.fixFor(info.error()))));
        }
        RepoInfo ri = info.info().get();
        if (!ri.hasBackups()) {
            return Optional.of(new Refusal(ExitCodes.FAILED, Problem.of("repository", "holds no backup to restore",
                    kind.empty, "docker exec <container> pgctl backup full")));
        }
        return RestoreTargets.check(target, ri, now, names).map(p -> new Refusal(ExitCodes.CONFIG, p));
    }

    /**
     * Why a restore drill cannot use this directory, or empty. The drill's throwaway server is started
     * by pg_ctl, which runs it through /bin/sh, and its restore_command is run by /bin/sh too; the
     * directory is also its socket directory. So only plain paths are accepted.
     */
    public static Optional<Refusal> drillPath(Path dir) {
        String d = dir.toString();
        Optional<String> defect = SafeText.pathDefect(d);
        if (defect.isPresent()) {
            return config(Problem.of("--to", "'" + SafeText.visible(d) + "' " + defect.get(),
                    "the drill's server is started through /bin/sh (pg_ctl) and fetches WAL with a shell command that "
                            + "names this directory; nothing was created",
                    "pgctl restore --to /tmp/drill"));
        }
        if (d.getBytes(StandardCharsets.UTF_8).length > DRILL_DIR_MAX_BYTES) {
            return config(Problem.of("--to", d + " is longer than " + DRILL_DIR_MAX_BYTES + " bytes",
                    "the drill's server listens on a unix socket in it, and a socket path has at most 107 bytes; "
                            + "nothing was created",
                    "pgctl restore --to /tmp/drill"));
        }
        return Optional.empty();
    }

    /** What is at the drill's directory now. */
    public enum DirState { ABSENT, EMPTY_DIRECTORY, OTHER }

    /**
     * A drill writes only into a directory of its own: never into PGDATA (nor a parent of it), never
     * into one that holds anything.
     *
     * @param nowSeconds the epoch second, for the fix's suggested directory name
     */
    public static Optional<Refusal> drillDirectory(Path dir, Path pgdata, DirState state, long nowSeconds) {
        if (dir.startsWith(pgdata) || pgdata.startsWith(dir)) {
            return Optional.of(new Refusal(ExitCodes.UNSAFE, Problem.of("--to", dir + " overlaps PGDATA (" + pgdata + ")",
                    "a drill never writes into the running cluster's directory", "pgctl restore --to /tmp/drill")));
        }
        if (state == DirState.OTHER) {
            return Optional.of(new Refusal(ExitCodes.UNSAFE, Problem.of("--to", dir + " exists and is not empty",
                    "a drill only removes what it created", "pgctl restore --to " + dir + "-" + nowSeconds)));
        }
        return Optional.empty();
    }

    /**
     * An in-place restore is asked of a running primary whose backups are enabled.
     *
     * @param enableCommand how to enable backups, for the fix
     */
    public static Optional<Refusal> server(boolean running, boolean standby, boolean backupsPending, String enableCommand) {
        if (!running) {
            return Optional.of(new Refusal(ExitCodes.FAILED, Problem.of("postgresql", "is not running in this container",
                    "an in-place restore is requested from the running container",
                    "to restore on a new volume instead: start the image with the same PGBACKREST_* settings on an empty volume")));
        }
        if (standby) {
            return Optional.of(new Refusal(ExitCodes.STANDBY, Problem.of("postgresql", "is a standby",
                    "a replica is copied from its primary, never restored from the repository",
                    "restore the primary: docker exec -it <primary container> pgctl restore ...")));
        }
        if (backupsPending) {
            return Optional.of(new Refusal(ExitCodes.FAILED, Problem.of("pgctl enable-backups",
                    "backups are not enabled for this cluster: the repository holds nothing of it to restore",
                    "", enableCommand)));
        }
        return Optional.empty();
    }

    private static Optional<Refusal> config(Problem p) {
        return Optional.of(new Refusal(ExitCodes.CONFIG, p));
    }
}
