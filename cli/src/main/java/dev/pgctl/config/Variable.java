package dev.pgctl.config;

import java.util.List;
import java.util.Optional;

/**
 * Every environment variable pgctl documents, one constant each, in the order of README.md's
 * "Environment" tables. The one list: {@link ConfigLoader} reads values through it ({@link Vars}),
 * the unknown-variable check accepts exactly its {@code PGCTL_*} names, and a unit test
 * (VariableReadmeTest) fails when README.md's tables say anything else.
 *
 * <p>{@code doc} is the README's "meaning" cell, markdown included. A default is either
 * {@link #is the value pgctl applies} or {@link #described a text} for one that is worked out
 * (or left to pgBackRest or the official entrypoint); the rule for such a one lives in ConfigLoader.
 */
public enum Variable {
    // ---- PostgreSQL (official image, unchanged); pgctl reads PGDATA, PGPORT and POSTGRES_USER
    POSTGRES_PASSWORD(Section.POSTGRES, secretText(), described("(required for a new cluster)"), "superuser password"),
    POSTGRES_USER(Section.POSTGRES, text(), is("postgres"),
            "superuser name (letters, digits and `_ . @ -`, at most 63); pgBackRest connects as this user over the local socket"),
    POSTGRES_DB(Section.POSTGRES, text(), described("`$POSTGRES_USER`"), "database created on first start"),
    POSTGRES_INITDB_ARGS(Section.POSTGRES, text(), described("as the official image"),
            "extra `initdb` arguments for a new cluster, passed to the official entrypoint"),
    POSTGRES_INITDB_WALDIR(Section.POSTGRES, text().withoutFileForm(), described("as the official image"),
            "WAL directory of a new cluster (`initdb --waldir`), passed to the official entrypoint"),
    POSTGRES_HOST_AUTH_METHOD(Section.POSTGRES, text().withoutFileForm(), described("as the official image"),
            "passed to the official entrypoint; the `host` rule it adds to the cluster's `pg_hba.conf` applies to SSL "
                    + "connections only (pgctl refuses TCP without SSL first)"),
    PGDATA(Section.POSTGRES, path(), is(ConfigLoader.DEFAULT_PGDATA), "data directory (absolute path)"),
    PGPORT(Section.POSTGRES, integer(1, 65535), is("5432"), "server port"),

    // ---- Backup repository (pgBackRest names)
    PGBACKREST_REPO1_TYPE(Section.REPO, choice("s3"), is("s3"), "repository type: pgctl drives `s3` (S3 or S3-compatible) only"),
    PGBACKREST_REPO1_S3_BUCKET(Section.REPO, text(), described("(required)"), "bucket"),
    PGBACKREST_REPO1_S3_ENDPOINT(Section.REPO, text(), described("(required)"),
            "host name of the S3 service, without scheme or port"),
    PGBACKREST_REPO1_STORAGE_PORT(Section.REPO, integer(1, 65535), described("`443`"), "port of the S3 service"),
    PGBACKREST_REPO1_S3_REGION(Section.REPO, text(), is("us-east-1"), "region (letters, digits and `_ . -`)"),
    PGBACKREST_REPO1_S3_KEY(Section.REPO, secretText(), described("(required with key type `shared`)"), "access key id"),
    PGBACKREST_REPO1_S3_KEY_SECRET(Section.REPO, secretText(), described("(required with key type `shared`)"),
            "secret access key"),
    PGBACKREST_REPO1_S3_KEY_TYPE(Section.REPO, choice("shared", "auto", "web-id"), is("shared"),
            "`shared`, `auto` (instance role) or `web-id`"),
    PGBACKREST_REPO1_S3_URI_STYLE(Section.REPO, choice("host", "path"), is("host"),
            "`host` (AWS) or `path` (most S3-compatible servers)"),
    PGBACKREST_REPO1_PATH(Section.REPO, text(), is("/pgbackrest"), "path inside the bucket"),
    PGBACKREST_REPO1_STORAGE_VERIFY_TLS(Section.REPO, bool(), is("y"), "verify the server's certificate"),
    PGBACKREST_REPO1_STORAGE_CA_FILE(Section.REPO, certificate(), described("system CAs"),
            "PEM CA file to verify the server with"),
    PGBACKREST_STANZA(Section.REPO, text(), is("main"), "stanza name"),
    PGBACKREST_REPO1_RETENTION_FULL(Section.REPO, integer(1, 9_999_999), is("2"),
            "full backups kept (older ones and their WAL are expired after each backup)"),
    PGBACKREST_REPO1_RETENTION_DIFF(Section.REPO, integer(1, 9_999_999), described("pgBackRest's"),
            "differential backups kept"),
    PGCTL_RETENTION(Section.REPO, text(), described("off"),
            "retention by the calendar, e.g. `daily=7,weekly=4,monthly=12,yearly=2`: the first full backup of each "
                    + "of the most recent N days, ISO weeks, months and years (UTC) is kept, plus the newest full and "
                    + "the backups after it; `pgctl prune` runs after each scheduled backup. With it, "
                    + "`PGBACKREST_REPO1_RETENTION_FULL` no longer expires backups and counts the newest full backups "
                    + "whose WAL is kept (point-in-time recovery); see Retention"),
    PGBACKREST_REPO1_CIPHER_PASS(Section.REPO, secretText(), described("none"), "encrypts the repository (aes-256-cbc)"),
    PGBACKREST_REPO1_CIPHER_TYPE(Section.REPO, choice("none", "aes-256-cbc"),
            described("`aes-256-cbc` when a passphrase is set, else `none`"), ""),
    PGBACKREST_COMPRESS_TYPE(Section.REPO, choice("none", "bz2", "gz", "lz4", "zst"), is("zst"),
            "`none`, `bz2`, `gz`, `lz4`, `zst`"),
    PGBACKREST_COMPRESS_LEVEL(Section.REPO, integer(-5, 22), described("`1` for `zst`, else pgBackRest's"),
            "compression level"),
    PGBACKREST_PROCESS_MAX(Section.REPO, integer(1, 999), described("cores + 1 (2 to 16)"),
            "parallel processes for backup and restore (asynchronous archive-push and archive-get use 2)"),
    PGBACKREST_REPO1_BUNDLE(Section.REPO, bool(), is("y"),
            "bundle small files into larger repository objects (fewer S3 requests)"),
    PGBACKREST_REPO1_BLOCK(Section.REPO, bool(), is("n"),
            "block incremental: diff and incr backups store only the changed blocks of large files (needs bundling); "
                    + "off by default because a restore then fetches those files piece by piece, slower the further "
                    + "S3 is (README, Performance)"),
    PGBACKREST_SPOOL_PATH(Section.REPO, path(), is("/var/spool/pgbackrest"), "spool of asynchronous archiving"),
    PGBACKREST_CONFIG(Section.REPO, path(), is("/etc/pgbackrest/pgbackrest.conf"),
            "where pgctl writes pgBackRest's configuration (mode 0600, owner postgres)"),

    // ---- Second repository (README "Second repository"; pgBackRest's repo2 names). Kept in one block.
    PGBACKREST_REPO2_TYPE(Section.REPO2, choice("s3", "azure", "posix"), none(),
            "`s3`, `azure` or `posix` (a mounted volume, e.g. NFS); unset: no second repository"),
    PGBACKREST_REPO2_PATH(Section.REPO2, text(), described("`/pgbackrest` (`s3`, `azure`); required for `posix`"),
            "path inside the bucket or container; for `posix` the directory of the mounted volume (absolute, outside "
                    + "PGDATA)"),
    PGBACKREST_REPO2_S3_BUCKET(Section.REPO2, text(), described("(required for `s3`)"), "bucket"),
    PGBACKREST_REPO2_S3_ENDPOINT(Section.REPO2, text(), described("(required for `s3`)"),
            "host name of the S3 service, without scheme or port"),
    PGBACKREST_REPO2_S3_REGION(Section.REPO2, text(), is("us-east-1"), "region (letters, digits and `_ . -`)"),
    PGBACKREST_REPO2_S3_KEY(Section.REPO2, secretText(), described("(required with key type `shared`)"), "access key id"),
    PGBACKREST_REPO2_S3_KEY_SECRET(Section.REPO2, secretText(), described("(required with key type `shared`)"),
            "secret access key"),
    PGBACKREST_REPO2_S3_KEY_TYPE(Section.REPO2, choice("shared", "auto", "web-id"), is("shared"),
            "`shared`, `auto` (instance role) or `web-id`"),
    PGBACKREST_REPO2_S3_URI_STYLE(Section.REPO2, choice("host", "path"), is("host"),
            "`host` (AWS) or `path` (most S3-compatible servers)"),
    PGBACKREST_REPO2_AZURE_ACCOUNT(Section.REPO2, text(), described("(required for `azure`)"),
            "storage account name (3 to 24 lower-case letters and digits)"),
    PGBACKREST_REPO2_AZURE_CONTAINER(Section.REPO2, text(), described("(required for `azure`)"),
            "blob container, created beforehand"),
    PGBACKREST_REPO2_AZURE_KEY(Section.REPO2, secretText(), described("(required with key type `shared` or `sas`)"),
            "the account's shared key (base64), or a SAS token (without the leading `?`)"),
    PGBACKREST_REPO2_AZURE_KEY_TYPE(Section.REPO2, choice("shared", "sas", "auto"), is("shared"),
            "`shared` (account key), `sas` (shared access signature) or `auto` (Azure managed identity, no key)"),
    PGBACKREST_REPO2_AZURE_ENDPOINT(Section.REPO2, text(), is("blob.core.windows.net"),
            "host name of the blob service, without scheme or port"),
    PGBACKREST_REPO2_AZURE_URI_STYLE(Section.REPO2, choice("host", "path"), is("host"),
            "`host` (Azure: `<account>.<endpoint>`) or `path` (Azurite and other emulators)"),
    PGBACKREST_REPO2_STORAGE_PORT(Section.REPO2, integer(1, 65535), described("`443`"),
            "port of the S3 or blob service"),
    PGBACKREST_REPO2_STORAGE_VERIFY_TLS(Section.REPO2, bool(), is("y"), "verify the server's certificate (`s3`, `azure`)"),
    PGBACKREST_REPO2_STORAGE_CA_FILE(Section.REPO2, certificate(), described("system CAs"),
            "PEM CA file to verify the server with (`s3`, `azure`)"),
    PGBACKREST_REPO2_RETENTION_FULL(Section.REPO2, integer(1, 9_999_999), is("2"),
            "full backups kept in the second repository (expired on their own, after each backup to it)"),
    PGBACKREST_REPO2_RETENTION_DIFF(Section.REPO2, integer(1, 9_999_999), described("pgBackRest's"),
            "differential backups kept in the second repository"),
    PGBACKREST_REPO2_CIPHER_PASS(Section.REPO2, secretText(), described("none"),
            "encrypts the second repository (aes-256-cbc); its own passphrase"),
    PGBACKREST_REPO2_CIPHER_TYPE(Section.REPO2, choice("none", "aes-256-cbc"),
            described("`aes-256-cbc` when a passphrase is set, else `none`"), ""),
    PGBACKREST_REPO2_BUNDLE(Section.REPO2, bool(), is("y"), "bundle small files into larger repository objects"),
    PGBACKREST_REPO2_BLOCK(Section.REPO2, bool(), is("n"),
            "block incremental (needs bundling); off by default, as for repo1"),
    PGCTL_BACKUP_SCHEDULE_REPO2_FULL(Section.REPO2, cron(), is(ConfigLoader.DEFAULT_SCHEDULE_REPO2_FULL),
            "full backups to the second repository, or `off`; Sundays 03:15 UTC, after repo1's full at 01:00 and clear "
                    + "of the incrementals at :00 and :30"),
    PGCTL_BACKUP_SCHEDULE_REPO2_DIFF(Section.REPO2, cron(), is(ConfigLoader.DEFAULT_SCHEDULE_REPO2_DIFF),
            "differential backups to the second repository, or `off`"),
    PGCTL_BACKUP_SCHEDULE_REPO2_INCR(Section.REPO2, cron(), is("off"),
            "incremental backups to the second repository, or a cron expression: WAL reaches it continuously anyway, "
                    + "so its backups bound the replay of a restore, not what a restore gets back"),
    PGCTL_RESTORE_REPO(Section.REPO2, choice("auto", "1", "2"), is("auto"),
            "empty PGDATA with two repositories: `auto` restores from the one whose latest backup is the newest, of "
                    + "those that can be read; `1` or `2` from that one only (refuse to start when it cannot be read)"),

    // ---- pgctl
    PGCTL_ROLE(Section.PGCTL, choice("primary", "replica"), is("primary"),
            "`primary`, or `replica`: copies `PGCTL_PRIMARY_HOST` on first start, then follows it as a read-only standby "
                    + "(see Replicas)"),
    PGCTL_ARCHIVE_TIMEOUT(Section.PGCTL, integer(1, 3600), is("60"),
            "`archive_timeout` in seconds: WAL reaches S3 at least this often"),
    PGCTL_BACKUP_SCHEDULE_FULL(Section.PGCTL, cron(), is(ConfigLoader.DEFAULT_SCHEDULE_FULL),
            "cron expression for full backups, or `off`; all schedules are read in UTC whatever `TZ` the container has "
                    + "(the crontab carries `CRON_TZ=UTC`), and `pgctl status` shows next runs in UTC"),
    PGCTL_BACKUP_SCHEDULE_DIFF(Section.PGCTL, cron(), is(ConfigLoader.DEFAULT_SCHEDULE_DIFF),
            "differential backups, or `off`"),
    PGCTL_BACKUP_SCHEDULE_INCR(Section.PGCTL, cron(), is(ConfigLoader.DEFAULT_SCHEDULE_INCR),
            "incremental backups, or `off`"),
    PGCTL_RESTORE_ON_EMPTY(Section.PGCTL, choice("auto", "require", "never"), is("auto"),
            "empty PGDATA: `auto` (restore if there is a backup), `require` (restore or refuse to start), `never` "
                    + "(always a new cluster)"),
    PGCTL_SSL_DIR(Section.PGCTL, path(), is(ConfigLoader.DEFAULT_SSL_DIR),
            "certificate directory: yours are used, or pgctl generates them there"),
    PGCTL_SSL_HOSTNAMES(Section.PGCTL, text(), none(),
            "comma-separated host names or IPs for the generated server certificate (plus the container's host name "
                    + "and localhost)"),
    PGCTL_SSL_MIN_PROTOCOL(Section.PGCTL, choice("TLSv1.2", "TLSv1.3"), is("TLSv1.2"), "`TLSv1.2` or `TLSv1.3`"),
    PGCTL_RESTORE_TARGET_TIME(Section.PGCTL, text(), none(),
            "empty PGDATA: recover to this time (with a zone), then promote"),
    PGCTL_RESTORE_TARGET_NAME(Section.PGCTL, text(), none(),
            "... to this restore point (at most 63 bytes, without `'` or `\\`)"),
    PGCTL_RESTORE_TARGET_LSN(Section.PGCTL, text(), none(), "... to this LSN"),
    PGCTL_RESTORE_SET(Section.PGCTL, text(), described("latest"), "... from this backup (alone: to its end)"),
    PGCTL_REPLICATION_USER(Section.PGCTL, text(), is("replicator"), "the role replicas log in as"),
    PGCTL_REPLICATION_PASSWORD(Section.PGCTL, secretText(), none(),
            "on a primary: pgctl creates or updates that role with this password at every start, and allows it over SSL "
                    + "(`hostssl replication`, scram-sha-256); on a replica: required, the same password"),
    PGCTL_PRIMARY_HOST(Section.PGCTL, text(), none(), "replica only, required: the primary's host name"),
    PGCTL_PRIMARY_PORT(Section.PGCTL, integer(1, 65535), is("5432"), "replica only: the primary's port"),
    PGCTL_PRIMARY_SSLMODE(Section.PGCTL, choice("require", "verify-ca", "verify-full"), is("require"),
            "replica only: `require`, `verify-ca` or `verify-full` (replication always uses SSL)"),
    PGCTL_PRIMARY_SSLROOTCERT(Section.PGCTL, certificate(), none(),
            "replica only: CA file for `verify-ca`/`verify-full` (the primary's `PGCTL_SSL_DIR/ca.crt`)"),
    PGCTL_REPLICATION_SLOT(Section.PGCTL, text(), none(),
            "replica only: a physical replication slot on the primary, created on first start (the primary keeps WAL "
                    + "the replica has not received)"),
    PGCTL_PRIMARY_WAIT_TIMEOUT(Section.PGCTL, integer(0, 86400), is("600"),
            "replica only: seconds a new replica waits for its primary before it gives up (exit 1); a refused login is "
                    + "retried for at most 60 s (exit 3)"),
    PGCTL_DRILL_SCHEDULE(Section.PGCTL, cron(), is(ConfigLoader.DEFAULT_DRILL_SCHEDULE),
            "restore drill of the latest backup (see Restore drills), or `off`; the default, Wednesdays 04:15 UTC, "
                    + "is weekly, clear of Sunday's full and the nightly diff at 01:00 and between the incrementals at :00 "
                    + "and :30"),
    PGCTL_DRILL_DIR(Section.PGCTL, path(), is(ConfigLoader.DEFAULT_DRILL_DIR),
            "where a scheduled drill restores its scratch copy (one subdirectory per drill, removed afterwards); a drill "
                    + "that would not fit there is skipped"),
    PGCTL_DRILL_RESULTS(Section.PGCTL, path(), is(ConfigLoader.DEFAULT_DRILL_RESULTS),
            "where each drill's result is kept (one JSON file each, the last " + DrillSettings.KEEP
                    + "), on the volume, outside PGDATA"),
    PGCTL_DRILL_SQL(Section.PGCTL, lines(), none(),
            "your sanity queries, one per line (`--` lines and blank lines ignored); each must return one row whose "
                    + "value is true, e.g. `select count(*) > 0 from orders where created > now() - interval '1 day'`"),
    PGCTL_DRILL_DATABASE(Section.PGCTL, text(), described("`$POSTGRES_DB`, else `$POSTGRES_USER`"),
            "the database the sanity queries run in"),
    PGCTL_DRILL_AMCHECK(Section.PGCTL, choice("all", "sample", "off"), is("all"),
            "`all`: amcheck's `verify_heapam` on every table and `bt_index_parent_check` on every B-tree index of every "
                    + "database; `sample`: the " + DrillSettings.SAMPLE + " largest relations of each database; `off`"),
    PGCTL_CONF_DIR(Section.PGCTL, path(), is("/etc/pgctl"),
            "where pgctl writes the PostgreSQL include and the crontab"),
    PGCTL_RUN_DIR(Section.PGCTL, path(), is("/run/pgctl"),
            "state of the after-start job, the last failed backup of each type, the WAL backlog samples and the WAL gap "
                    + "(kept across `docker restart`)"),
    /** Also read by {@code ui.Out} itself, before the Config exists (Out.Format). */
    PGCTL_LOG_FORMAT(Section.PGCTL, choice("text", "json").withoutFileForm(), is("text"),
            "`text`, or `json`: every line pgctl writes is one JSON object (see Logs); PostgreSQL's own lines are "
                    + "unchanged"),
    PGCTL_METRICS_PORT(Section.PGCTL, portOrOff(), is("9188"),
            "port of `pgctl monitor`'s Prometheus metrics (`/metrics`, inside the container; publish it to scrape from "
                    + "outside), or `off` (see Monitoring)"),
    PGCTL_WAL_BACKLOG_MAX(Section.PGCTL, text(), is("off"),
            "`off`, or a size (`512MB`, `2GB`): when that much WAL waits for S3, pgBackRest drops it so that pg_wal cannot "
                    + "fill up and stop PostgreSQL, at the price of a gap in point-in-time recovery, which `pgctl status` "
                    + "and an alert name until pgctl's own full backup closes it (see WAL guard); the container then runs `pgctl monitor` whatever `PGCTL_METRICS_PORT` says"),
    /** Read by the image's pgctl wrapper script (docker/pgctl), not by Java. */
    PGCTL_JAVA_OPTS(Section.PGCTL, text().withoutFileForm(), none(), "extra JVM options for pgctl"),
    /** Read by picocli: {@code pgctl bootstrap --image} defaults to it. */
    PGCTL_IMAGE_NAME(Section.PGCTL, text().withoutFileForm(), is("<image>"), "image name shown in fix commands"),

    // ---- Notifications (README "Notifications")
    PGCTL_NOTIFY_URL(Section.NOTIFY, secretText(), none(),
            "webhook (`http://` or `https://`) that gets a JSON POST when an alert condition starts (`firing`) and ends "
                    + "(`resolved`); its `text` field shows as is in Slack and Mattermost incoming webhooks. Such URLs "
                    + "carry a token: pgctl never prints it, and `_FILE` keeps it out of `docker inspect`"),
    PGCTL_NOTIFY_REPEAT(Section.NOTIFY, integer(300, 604800), is("14400"),
            "seconds before an alert that stays firing is sent again (4 h; never more often)"),
    PGCTL_NOTIFY_HEARTBEAT_URL(Section.NOTIFY, secretText(), none(),
            "heartbeat URL (`http://` or `https://`, healthchecks.io or Dead Man's Snitch style) that gets a GET after "
                    + "every successful backup and every `PGCTL_NOTIFY_HEARTBEAT_INTERVAL` while WAL archiving is healthy: "
                    + "its silence raises the alarm outside the container"),
    PGCTL_NOTIFY_HEARTBEAT_INTERVAL(Section.NOTIFY, integer(60, 86400), is("300"),
            "seconds between heartbeats while WAL archiving is healthy");

    /** The README's "### " subsection a variable is listed in. */
    public enum Section {
        POSTGRES("PostgreSQL (official image, unchanged)"),
        REPO("Backup repository (pgBackRest names)"),
        REPO2("Second repository (pgBackRest names)"),
        PGCTL("pgctl"),
        NOTIFY("Notifications");

        public final String heading;

        Section(String heading) {
            this.heading = heading;
        }
    }

    /** How a value is read; {@code min}/{@code max} for INTEGER, {@code values} for CHOICE. */
    public record Type(Kind kind, int min, int max, List<String> values, boolean fileForm, boolean multiline) {
        /** What {@link Vars} reads a value as. */
        public enum Kind {
            TEXT, SECRET, INTEGER, BOOLEAN, CHOICE,
            /** an absolute path pgctl writes unquoted into configuration files */
            PATH,
            /** a PEM CA certificate file pgctl reads */
            CERTIFICATE,
            /** a five-field cron expression, or off */
            CRON,
            /** a TCP port (1 to 65535), or off */
            PORT_OR_OFF
        }

        /** Only NAME is read, not NAME_FILE (its reader is not pgctl and knows no such convention). */
        Type withoutFileForm() {
            return new Type(kind, min, max, values, false, multiline);
        }
    }

    /** The default as pgctl applies it ({@code value}; empty when there is none, or a rule works it out) and as shown. */
    public record Default(Optional<String> value, String shown) {
    }

    private final Section section;
    private final Type type;
    private final Default dflt;
    private final String doc;

    Variable(Section section, Type type, Default dflt, String doc) {
        this.section = section;
        this.type = type;
        this.dflt = dflt;
        this.doc = doc;
    }

    public Section section() {
        return section;
    }

    public Type type() {
        return type;
    }

    public Default dflt() {
        return dflt;
    }

    /** The README's one line about it (markdown). */
    public String doc() {
        return doc;
    }

    /** A value that is never printed (read as a {@link Secret}). */
    public boolean secret() {
        return type.kind() == Type.Kind.SECRET;
    }

    /** NAME_FILE=/path gives the value too (the official image's convention; {@link Env#get(String)}). */
    public boolean fileForm() {
        return type.fileForm();
    }

    /** For a CHOICE: whether the value is one of the choices. */
    public boolean allows(String value) {
        return type.values().contains(value);
    }

    /** The variable of that name, if pgctl documents it. */
    public static Optional<Variable> named(String name) {
        for (Variable v : values()) {
            if (v.name().equals(name)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private static Type text() {
        return new Type(Type.Kind.TEXT, 0, 0, List.of(), true, false);
    }

    /** Text of several lines (line breaks and tabs allowed): a value pgctl never writes into a file. */
    private static Type lines() {
        return new Type(Type.Kind.TEXT, 0, 0, List.of(), true, true);
    }

    private static Type secretText() {
        return new Type(Type.Kind.SECRET, 0, 0, List.of(), true, false);
    }

    private static Type integer(int min, int max) {
        return new Type(Type.Kind.INTEGER, min, max, List.of(), true, false);
    }

    private static Type bool() {
        return new Type(Type.Kind.BOOLEAN, 0, 0, List.of(), true, false);
    }

    private static Type choice(String... values) {
        return new Type(Type.Kind.CHOICE, 0, 0, List.of(values), true, false);
    }

    private static Type path() {
        return new Type(Type.Kind.PATH, 0, 0, List.of(), true, false);
    }

    private static Type certificate() {
        return new Type(Type.Kind.CERTIFICATE, 0, 0, List.of(), true, false);
    }

    private static Type portOrOff() {
        return new Type(Type.Kind.PORT_OR_OFF, 1, 65535, List.of(), true, false);
    }

    private static Type cron() {
        return new Type(Type.Kind.CRON, 0, 0, List.of(), true, false);
    }

    /** The default pgctl applies, shown as {@code `value`}. */
    private static Default is(String value) {
        return new Default(Optional.of(value), "`" + value + "`");
    }

    /** A default that is worked out or left to another program: only described. */
    private static Default described(String text) {
        return new Default(Optional.empty(), text);
    }

    private static Default none() {
        return described("");
    }
}
