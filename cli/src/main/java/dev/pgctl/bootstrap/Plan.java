package dev.pgctl.bootstrap;

import dev.pgctl.problem.Problem;
import java.util.Optional;

/** What bootstrap will do before handing over to the official entrypoint. */
public record Plan(Action action, String reason, Optional<Problem> problem, int exitCode) {

    public enum Action {
        /** PGDATA holds a cluster: start it as it is */
        START_EXISTING,
        /** PGDATA is empty: the official entrypoint runs initdb; backups start after the first start */
        INIT_NEW,
        /** PGDATA is empty and the repository has a backup: restore it first */
        RESTORE,
        /** pgctl restore asked for the cluster to be restored in place: --delta over it */
        RESTORE_IN_PLACE,
        /** a restore was interrupted: redo it with --delta */
        RESUME_RESTORE,
        /** PGDATA is empty on a replica: clone the primary */
        CLONE_PRIMARY,
        /** refuse to start; nothing was changed */
        REFUSE
    }

    public static Plan of(Action action, String reason) {
        return new Plan(action, reason, Optional.empty(), 0);
    }

    public static Plan refuse(int exitCode, Problem problem) {
        return new Plan(Action.REFUSE, problem.what(), Optional.of(problem), exitCode);
    }
}
