package dev.pgctl.bootstrap;

import dev.pgctl.problem.Problem;
import java.util.Optional;

/**
 * What bootstrap will do before handing over to the official entrypoint: the action on PGDATA and every
 * step around it. {@link Planner} decides all of it; BootstrapCommand only carries it out.
 */
public record Plan(Action action, String reason, Optional<Problem> problem, int exitCode, Steps steps) {

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

    /** What bootstrap says about backups once the action is done. */
    public enum Notice {
        NONE,
        /** a standby: backups are taken on the primary */
        STANDBY,
        /** a cluster made without pgctl: nothing goes to S3 until pgctl enable-backups */
        BACKUPS_PENDING
    }

    /**
     * What starts in the background, outside PostgreSQL's process tree.
     *
     * @param firstBackup     the after-start job creates the stanza and takes the first full backup
     * @param replicationRole the after-start job creates or updates the replication role
     * @param scheduler       the backup schedule runs (on a standby its jobs log a skip)
     * @param monitor         pgctl monitor runs (metrics, alert evaluations, the heartbeat), on every role and
     *                        state: it tells as much about a standby or an adopted cluster
     */
    public record Background(boolean firstBackup, boolean replicationRole, boolean scheduler, boolean monitor) {
        public static final Background NONE = new Background(false, false, false, false);

        /** The after-start job runs. */
        public boolean afterStart() {
            return firstBackup || replicationRole;
        }
    }

    /**
     * Everything bootstrap does besides the action.
     *
     * @param archiving          the PostgreSQL include turns WAL archiving on (known before the repository is
     *                           asked: see {@link Planner#archiving})
     * @param checkRestoreTarget the environment's restore target is checked against the repository first
     * @param markBackupsPending write the backups-pending marker: the cluster was made without pgctl
     * @param compareWithPrimary the standby's system id is compared with its primary's before it starts
     * @param warnNotAStandby    PGCTL_ROLE=replica, but PGDATA holds a primary: it starts as one, with a warning
     * @param notice             what is said about backups at the end
     * @param background         what starts in the background
     */
    public record Steps(boolean archiving, boolean checkRestoreTarget, boolean markBackupsPending,
            boolean compareWithPrimary, boolean warnNotAStandby, Notice notice, Background background) {

        /** Of a refusal: nothing but the configuration files (written before the decision) happens. */
        public static Steps none(boolean archiving) {
            return new Steps(archiving, false, false, false, false, Notice.NONE, Background.NONE);
        }
    }
}
