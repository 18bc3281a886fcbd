package dev.pgctl.config;

import dev.pgctl.retention.CalendarPolicy;
import dev.pgctl.config.RestoreTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.time.Duration;

/**
 * Everything pgctl needs, parsed once from the environment by {@link ConfigLoader}
 * and validated there. Immutable; passed down to every command.
 */
public record Config(
        Role role,
        Postgres postgres,
        Optional<Repo> repo,
        String stanza,
        int archiveTimeoutSeconds,
        Schedules schedules,
        RestorePolicy restoreOnEmpty,
        Paths paths,
        Ssl ssl,
        RestoreTarget restoreTarget,
        Replication replication,
        Notify notifications,
        DrillSettings drill,
        Monitoring monitoring,
        Optional<Repo2> repo2) {

    /** The numbers of the configured repositories, 1 then 2 (pgBackRest's --repo), empty when none is. */
    public List<Integer> repoNumbers() {
        if (repo.isEmpty()) {
            return List.of();
        }
        return repo2.isPresent() ? List.of(1, 2) : List.of(1);
    }

    /**
     * Alerts and heartbeat (README "Notifications").
     *
     * @param url               the alert webhook (PGCTL_NOTIFY_URL or _FILE), an http(s) URL; never printed
     * @param heartbeatUrl      the heartbeat URL (PGCTL_NOTIFY_HEARTBEAT_URL or _FILE); never printed
     * @param repeat            an alert that stays firing is sent again after this long, never sooner
     * @param heartbeatInterval a heartbeat at most this often while WAL archiving is healthy
     */
    public record Notify(Optional<Secret> url, Optional<Secret> heartbeatUrl, Duration repeat,
            Duration heartbeatInterval) {
        public static final Notify NONE = new Notify(Optional.empty(), Optional.empty(),
                Duration.ofHours(4), Duration.ofMinutes(5));

        /** Alerts or a heartbeat are to be sent: the monitor evaluates the conditions. */
        public boolean enabled() {
            return url.isPresent() || heartbeatUrl.isPresent();
        }
    }

    public enum Role {
        PRIMARY, REPLICA;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What bootstrap does when PGDATA is empty on a primary (PGCTL_RESTORE_ON_EMPTY). */
    public enum RestorePolicy {
        /** restore when the repository has a backup, initialise when it is reachable and empty, refuse when unreachable */
        AUTO,
        /** restore, or refuse to start: never initialise a new cluster */
        REQUIRE,
        /** always initialise a new cluster, never restore */
        NEVER;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Postgres(Path pgdata, int port, Path socketDir, String superuser) {
    }

    /** The S3 repository (pgBackRest repo1). */
    public record Repo(
            String bucket,
            String endpoint,
            String region,
            String keyType,
            Optional<Secret> key,
            Optional<Secret> keySecret,
            String path,
            String uriStyle,
            Optional<Integer> port,
            boolean verifyTls,
            Optional<Path> caFile,
            int retentionFull,
            Optional<Integer> retentionDiff,
            Optional<Secret> cipherPass,
            String compressType,
            Optional<Integer> compressLevel,
            int processMax,
            boolean bundle,
            boolean block,
            Optional<CalendarPolicy> calendar) {
    }

    /**
     * The second repository (pgBackRest repo2; README "Second repository"): WAL is archived to it as to repo1, and it
     * has its own storage, path, retention and encryption. Compression and process-max are shared (repo1's rows).
     *
     * @param storage       where it is: S3, Azure blob storage, or a mounted volume (posix)
     * @param path          the path inside the bucket or container, or the directory of the volume
     * @param retentionFull full backups kept there
     * @param retentionDiff differential backups kept there, if set
     * @param cipherPass    its passphrase (aes-256-cbc) when it is encrypted
     * @param schedules     its own backup schedules (PGCTL_BACKUP_SCHEDULE_REPO2_*)
     * @param restoreFrom   the one repository an empty volume restores from (PGCTL_RESTORE_REPO); empty: the one
     *                      whose latest backup is the newest, of those that can be read
     */
    public record Repo2(Storage storage, String path, int retentionFull, Optional<Integer> retentionDiff,
            Optional<Secret> cipherPass, boolean bundle, boolean block, Schedules schedules, Optional<Integer> restoreFrom) {

        /** pgBackRest's repo2-type and the options of that type. */
        public sealed interface Storage permits S3, Azure, Posix {
            /** pgBackRest's word for it (repo2-type). */
            String type();
        }

        public record S3(String bucket, String endpoint, String region, String keyType, Optional<Secret> key,
                Optional<Secret> keySecret, String uriStyle, Optional<Integer> port, boolean verifyTls,
                Optional<Path> caFile) implements Storage {
            @Override
            public String type() {
                return "s3";
            }
        }

        /**
         * Azure blob storage; keyType is shared (the account key), sas (a shared access signature) or auto (the
         * managed identity of the machine: no key).
         */
        public record Azure(String account, String container, String keyType, Optional<Secret> key, String endpoint,
                String uriStyle, Optional<Integer> port, boolean verifyTls, Optional<Path> caFile) implements Storage {
            @Override
            public String type() {
                return "azure";
            }
        }

        /** A mounted volume (NFS or any file system): the path is the directory. */
        public record Posix() implements Storage {
            @Override
            public String type() {
                return "posix";
            }
        }
    }

    /**
     * TLS for client connections.
     *
     * @param dir         where certificates are found or generated (meant to be a volume)
     * @param hostnames   extra subject alternative names for generated certificates
     * @param minProtocol ssl_min_protocol_version
     */
    public record Ssl(Path dir, List<String> hostnames, String minProtocol) {
    }

    /**
     * Streaming replication. On a primary, a password means pgctl manages the replication role
     * (created or updated at every start) and its pg_hba rule. On a replica, primaryHost and password
     * are required: the replica clones and then follows that primary.
     *
     * @param user         the replication role (PGCTL_REPLICATION_USER)
     * @param password     its password (PGCTL_REPLICATION_PASSWORD or _FILE)
     * @param slot         physical replication slot the replica uses (PGCTL_REPLICATION_SLOT)
     * @param primaryHost  the primary a replica clones and follows (PGCTL_PRIMARY_HOST)
     * @param primaryPort  its port (PGCTL_PRIMARY_PORT)
     * @param sslMode      libpq sslmode of the replication connection: require, verify-ca or verify-full
     * @param sslRootCert  CA file that verify-ca and verify-full check the primary's certificate against
     * @param waitSeconds  how long a new replica waits for its primary before it gives up (PGCTL_PRIMARY_WAIT_TIMEOUT)
     */
    public record Replication(String user, Optional<Secret> password, Optional<String> slot, Optional<String> primaryHost,
            int primaryPort, String sslMode, Optional<Path> sslRootCert, int waitSeconds) {
        /** True when pgctl creates and updates the replication role on a primary. */
        public boolean managed() {
            return password.isPresent();
        }
    }

    /**
     * pgctl monitor.
     *
     * @param metricsPort   the port of its Prometheus metrics (PGCTL_METRICS_PORT); empty: off, no monitor
     * @param walBacklogMax PGCTL_WAL_BACKLOG_MAX in MiB: pgBackRest drops WAL once this much waits (empty: off,
     *                      WAL is never dropped)
     */
    public record Monitoring(Optional<Integer> metricsPort, Optional<Long> walBacklogMax) {
        public Monitoring(Optional<Integer> metricsPort) {
            this(metricsPort, Optional.empty());
        }
    }

    /** Cron expressions of the scheduled backups; empty means disabled. */
    public record Schedules(Optional<String> full, Optional<String> diff, Optional<String> incr) {
    }

    /** Files and directories of the image that pgctl writes. */
    public record Paths(Path pgbackrestConf, Path confDir, Path runDir, Path spoolPath) {
        public Path postgresInclude() {
            return confDir.resolve("postgresql.conf");
        }

        public Path hbaFile() {
            return confDir.resolve("pg_hba.conf");
        }

        /** Copies of the certificates with the owner and mode PostgreSQL requires. */
        public Path sslInstalled() {
            return confDir.resolve("ssl");
        }

        public Path crontab() {
            return confDir.resolve("crontab");
        }

        /** The libpq password file of the replication connection (outside PGDATA, 0600). */
        public Path replicationPassfile() {
            return confDir.resolve("replication.pgpass");
        }
    }
}
