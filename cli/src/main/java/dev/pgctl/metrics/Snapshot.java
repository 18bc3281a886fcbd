package dev.pgctl.metrics;

import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.pgbackrest.RepoInfo;
import dev.pgctl.status.StatusReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.List;

/**
 * One observation of this container, as {@code pgctl monitor} serves it to scrapes:
 * what {@code pgctl status} gathers (its warnings included), what only metrics show ({@link Local}), and the
 * repository as its last background refresh found it ({@link Repository}). Immutable.
 *
 * @param taken      when the local facts were gathered
 * @param gatherTime how long gathering them took
 * @param status     what pgctl status shows, built on the remembered repository facts
 * @param local      the facts only metrics show
 * @param repository the repository's last answer
 */
public record Snapshot(Instant taken, Duration gatherTime, StatusReport status, Local local, Repository repository) {

    /**
     * Facts read on this machine at each gathering: files, processes and the local server, never the network.
     *
     * @param versions       pgctl, pgBackRest and PostgreSQL
     * @param walReady       WAL segments PostgreSQL has finished and the archiver has not sent yet (empty when
     *                       pg_wal cannot be read)
     * @param pgWal          free space where pg_wal is (it may be a volume of its own)
     * @param monitorRunning a {@code pgctl monitor} process runs in this container
     * @param backupsPending PGDATA holds the backups-pending marker (adopted cluster, promoted replica)
     * @param lastFailure    per backup type (full, diff, incr), the end of its last failed backup, as pgctl recorded it
     */
    public record Local(Versions versions, Optional<WalReady> walReady, Optional<StatusReport.Space> pgWal,
            boolean monitorRunning, boolean backupsPending, Map<String, Instant> lastFailure) {
    }

    /** Empty where the program or the server could not be asked. */
    public record Versions(String pgctl, Optional<String> pgbackrest, Optional<String> postgresql) {
    }

    /** The {@code .ready} files of pg_wal/archive_status and the bytes of their segments. */
    public record WalReady(long segments, long bytes) {
    }

    /**
     * The repository as the last {@code pgbackrest info} found it.
     *
     * @param configured an S3 repository is configured
     * @param refreshed  when that answer came (empty: not asked yet, so nothing is known)
     * @param result     the answer
     * @param contents   what the repository held at the last read that could see it: the same as {@code result}'s
     *                   when that read succeeded, kept through an outage (a backup cannot have been added to a
     *                   repository nobody can reach), so that backup ages go on growing instead of vanishing
     */
    public record Repository(boolean configured, Optional<Instant> refreshed, Optional<InfoResult> result,
            Optional<RepoInfo> contents) {
        public static final Repository NOT_CONFIGURED = new Repository(false, Optional.empty(), Optional.empty(),
                Optional.empty());

        /** Configured, but not asked yet. */
        public static Repository notReadYet() {
            return new Repository(true, Optional.empty(), Optional.empty(), Optional.empty());
        }

        public static Repository read(InfoResult result, Instant at) {
            return new Repository(true, Optional.of(at), Optional.of(result), result.info());
        }

        /** This read, with the contents {@code before} knew when this read could not see the repository. */
        public Repository keepingContentsOf(Repository before) {
            return contents.isPresent() ? this : new Repository(configured, refreshed, result, before.contents());
        }

        /** Whether anything is known about the repository: not configured, or asked at least once. */
        public boolean known() {
            return !configured || refreshed.isPresent();
        }

        /**
         * What status builds its repository row from: the remembered answer, or, before the first one, an
         * unreachable repository (whose warning {@link MetricsMapping} leaves out while nothing is {@link #known}).
         */
        public InfoResult asInfoResult() {
            return result.orElseGet(() -> new InfoResult(Optional.empty(), "not read yet"));
        }
    }

    /** The backup types, in the order metrics list them. */
    public static final List<String> TYPES = List.of("full", "diff", "incr");
}
