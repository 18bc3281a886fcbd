package dev.pgctl.config;

import dev.pgctl.text.SafeText;
import dev.pgctl.problem.Problem;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import dev.pgctl.config.Config.Paths;
import dev.pgctl.config.Config.Postgres;
import dev.pgctl.config.Config.Repo;
import dev.pgctl.config.Config.RestorePolicy;
import dev.pgctl.config.Config.Role;
import dev.pgctl.config.Config.Schedules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and validates the environment into one {@link Config}. Pure apart
 * from reading the files that {@code *_FILE} variables name (through
 * {@link Env}). Every problem is collected so the user sees all of them at once.
 */
public final class ConfigLoader {

    public static final String DEFAULT_PGDATA = "/var/lib/postgresql/18/docker";
    public static final String DEFAULT_SCHEDULE_FULL = "0 1 * * 0";
    public static final String DEFAULT_SCHEDULE_DIFF = "0 1 * * 1-6";
    public static final String DEFAULT_SCHEDULE_INCR = "*/30 * * * *";

    /** Every PGCTL_* variable pgctl reads; anything else with that prefix is a typo. */
    public static final Set<String> PGCTL_VARIABLES = Set.of(
            "PGCTL_ROLE",
            "PGCTL_ARCHIVE_TIMEOUT",
            "PGCTL_BACKUP_SCHEDULE_FULL",
            "PGCTL_BACKUP_SCHEDULE_DIFF",
            "PGCTL_BACKUP_SCHEDULE_INCR",
            "PGCTL_RESTORE_ON_EMPTY",
            "PGCTL_CONF_DIR",
            "PGCTL_RUN_DIR",
            "PGCTL_JAVA_OPTS",
            "PGCTL_IMAGE_NAME",
            "PGCTL_SSL_DIR",
            "PGCTL_SSL_HOSTNAMES",
            "PGCTL_SSL_MIN_PROTOCOL",
            "PGCTL_RESTORE_TARGET_TIME",
            "PGCTL_RESTORE_TARGET_NAME",
            "PGCTL_RESTORE_TARGET_LSN",
            "PGCTL_RESTORE_SET",
            "PGCTL_PRIMARY_HOST",
            "PGCTL_PRIMARY_PORT",
            "PGCTL_PRIMARY_SSLMODE",
            "PGCTL_PRIMARY_SSLROOTCERT",
            "PGCTL_PRIMARY_WAIT_TIMEOUT",
            "PGCTL_REPLICATION_USER",
            "PGCTL_REPLICATION_PASSWORD",
            "PGCTL_REPLICATION_SLOT");

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final Pattern STANZA = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    /** AWS regions (eu-west-1) and what S3-compatible servers call theirs (us-east-1, garage, fr-par, auto). */
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /**
     * A superuser name that pgbackrest.conf (pg1-user), psql's -U and the official entrypoint's initdb
     * all carry unquoted; PostgreSQL keeps at most 63 bytes of a name.
     */
    private static final Pattern SUPERUSER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@-]{0,62}");
    private static final Set<String> COMPRESS_TYPES = Set.of("none", "bz2", "gz", "lz4", "zst");
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /** Thrown when the environment is invalid; carries every problem found. */
    public static final class InvalidConfig extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<Problem> problems;

        InvalidConfig(List<Problem> problems) {
            super(problems.size() + " configuration problem(s)");
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    private final Env env;
    private final int cores;

    public ConfigLoader(Env env, int cores) {
        this.env = env;
        this.cores = cores;
    }

    public static Config fromSystem() throws InvalidConfig {
        return new ConfigLoader(Env.system(), Runtime.getRuntime().availableProcessors()).load();
    }

    /** The environment, with {@code *_FILE} contents read through {@code files} (bootstrap's root handoff). */
    public static Config fromSystem(Env.FileReader files) throws InvalidConfig {
        return new ConfigLoader(new Env(System.getenv(), files), Runtime.getRuntime().availableProcessors()).load();
    }

    public Config load() throws InvalidConfig {
        unknownVariables();
        Role role = role();
        Postgres postgres = postgres();
        String stanza = stanza();
        Optional<Repo> repo = repo();
        int archiveTimeout = intVar("PGCTL_ARCHIVE_TIMEOUT", 60, 1, 3600, "60");
        Schedules schedules = new Schedules(
                schedule("PGCTL_BACKUP_SCHEDULE_FULL", DEFAULT_SCHEDULE_FULL),
                schedule("PGCTL_BACKUP_SCHEDULE_DIFF", DEFAULT_SCHEDULE_DIFF),
                schedule("PGCTL_BACKUP_SCHEDULE_INCR", DEFAULT_SCHEDULE_INCR));
        RestorePolicy policy = restorePolicy();
        Paths paths = new Paths(
                absolutePath("PGBACKREST_CONFIG", "/etc/pgbackrest/pgbackrest.conf"),
                absolutePath("PGCTL_CONF_DIR", "/etc/pgctl"),
                absolutePath("PGCTL_RUN_DIR", "/run/pgctl"),
                absolutePath("PGBACKREST_SPOOL_PATH", "/var/spool/pgbackrest"));
        Config.Ssl ssl = ssl();
        Config.RestoreTarget target = restoreTarget();
        Config.Replication replication = replication(role, postgres);
        if (!env.problems().isEmpty()) {
            throw new InvalidConfig(env.problems());
        }
        return new Config(role, postgres, repo, stanza, archiveTimeout, schedules, policy, paths, ssl, target, replication);
    }

    private void unknownVariables() {
        for (String name : env.withPrefix("PGCTL_").keySet()) {
            if (!PGCTL_VARIABLES.contains(name) && !PGCTL_VARIABLES.contains(stripFile(name))) {
                env.report(Problem.of(name, "unknown variable",
                        "a mistyped name would silently leave the default in force",
                        "remove it, or use one of: " + String.join(", ", new java.util.TreeSet<>(PGCTL_VARIABLES))));
            }
        }
    }

    private static String stripFile(String name) {
        return name.endsWith("_FILE") ? name.substring(0, name.length() - 5) : name;
    }

    private Role role() {
        String v = env.get("PGCTL_ROLE", "primary").toLowerCase(Locale.ROOT);
        return switch (v) {
            case "primary" -> Role.PRIMARY;
            case "replica", "standby" -> Role.REPLICA;
            default -> {
                env.report(Problem.of("PGCTL_ROLE", "'" + v + "' is not a role",
                        "the role decides whether this node takes backups or follows a primary",
                        "PGCTL_ROLE=primary", "PGCTL_ROLE=replica"));
                yield Role.PRIMARY;
            }
        };
    }

    private Postgres postgres() {
        Path pgdata = absolutePath("PGDATA", DEFAULT_PGDATA);
        int port = intVar("PGPORT", 5432, 1, 65535, "5432");
        String user = env.get("POSTGRES_USER", "postgres");
        if (!SUPERUSER.matcher(user).matches()) {
            env.report(Problem.of("POSTGRES_USER", "'" + user + "' is not a plain role name",
                    "pgctl writes it into pgbackrest.conf (pg1-user) and passes it to psql; use at most 63 letters, "
                            + "digits and _ . @ -",
                    "POSTGRES_USER=postgres"));
        }
        return new Postgres(pgdata, port, Path.of("/var/run/postgresql"), user);
    }

    private String stanza() {
        String s = env.get("PGBACKREST_STANZA", "main");
        if (!STANZA.matcher(s).matches()) {
            env.report(Problem.of("PGBACKREST_STANZA", "'" + s + "' is not a valid stanza name",
                    "pgBackRest uses it as a directory name in the repository",
                    "PGBACKREST_STANZA=main"));
        }
        return s;
    }

    private Optional<Repo> repo() {
        boolean configured = env.raw("PGBACKREST_REPO1_TYPE").isPresent()
                || env.withPrefix("PGBACKREST_REPO1_S3_").keySet().stream().anyMatch(k -> !env.raw(k).isEmpty());
        if (!configured) {
            return Optional.empty();
        }
        String type = env.get("PGBACKREST_REPO1_TYPE", "s3").toLowerCase(Locale.ROOT);
        if (!type.equals("s3")) {
            env.report(Problem.of("PGBACKREST_REPO1_TYPE", "repository type '" + type + "' is not supported by this image",
                    "pgctl drives an S3 (or S3-compatible) repository",
                    "PGBACKREST_REPO1_TYPE=s3"));
        }
        String bucket = required("PGBACKREST_REPO1_S3_BUCKET", "PGBACKREST_REPO1_S3_BUCKET=my-backups",
                "the S3 bucket that holds the backups");
        if (!bucket.isEmpty() && !BUCKET.matcher(bucket).matches()) {
            env.report(Problem.of("PGBACKREST_REPO1_S3_BUCKET", "'" + bucket + "' is not a valid bucket name",
                    "S3 bucket names are 3 to 63 lower-case letters, digits, dots and hyphens",
                    "PGBACKREST_REPO1_S3_BUCKET=my-backups"));
        }
        String endpoint = endpoint();
        String region = env.get("PGBACKREST_REPO1_S3_REGION", "us-east-1");
        if (!REGION.matcher(region).matches()) {
            env.report(Problem.of("PGBACKREST_REPO1_S3_REGION", "'" + region + "' is not a region name",
                    "pgBackRest signs every S3 request for this region; region names are letters, digits, _ . and -",
                    "PGBACKREST_REPO1_S3_REGION=eu-west-1", "PGBACKREST_REPO1_S3_REGION=us-east-1   (most S3-compatible servers)"));
        }
        String keyType = env.get("PGBACKREST_REPO1_S3_KEY_TYPE", "shared").toLowerCase(Locale.ROOT);
        Optional<Secret> key = iniSecret("PGBACKREST_REPO1_S3_KEY");
        Optional<Secret> keySecret = iniSecret("PGBACKREST_REPO1_S3_KEY_SECRET");
        switch (keyType) {
            case "shared" -> {
                if (key.isEmpty()) {
                    missing("PGBACKREST_REPO1_S3_KEY", "PGBACKREST_REPO1_S3_KEY=<access key id>",
                            "pgBackRest signs every S3 request with this access key");
                }
                if (keySecret.isEmpty()) {
                    missing("PGBACKREST_REPO1_S3_KEY_SECRET",
                            "PGBACKREST_REPO1_S3_KEY_SECRET_FILE=/run/secrets/s3-secret (or PGBACKREST_REPO1_S3_KEY_SECRET=...)",
                            "pgBackRest signs every S3 request with this secret key");
                }
            }
            case "auto", "web-id" -> {
                // credentials come from the instance or the web identity token
            }
            default -> env.report(Problem.of("PGBACKREST_REPO1_S3_KEY_TYPE", "'" + keyType + "' is not a key type",
                    "pgBackRest knows shared (access key + secret), auto (instance role) and web-id",
                    "PGBACKREST_REPO1_S3_KEY_TYPE=shared"));
        }
        String path = env.get("PGBACKREST_REPO1_PATH", "/pgbackrest");
        if (!path.startsWith("/")) {
            env.report(Problem.of("PGBACKREST_REPO1_PATH", "'" + path + "' is not an absolute path",
                    "the repository path inside the bucket must start with /",
                    "PGBACKREST_REPO1_PATH=/" + path));
        }
        String uriStyle = env.get("PGBACKREST_REPO1_S3_URI_STYLE", "host").toLowerCase(Locale.ROOT);
        if (!uriStyle.equals("host") && !uriStyle.equals("path")) {
            env.report(Problem.of("PGBACKREST_REPO1_S3_URI_STYLE", "'" + uriStyle + "' is not a URI style",
                    "S3 addresses a bucket either as a host name (AWS) or in the path (most S3-compatible servers)",
                    "PGBACKREST_REPO1_S3_URI_STYLE=host", "PGBACKREST_REPO1_S3_URI_STYLE=path"));
        }
        Optional<Integer> port = env.get("PGBACKREST_REPO1_STORAGE_PORT").isPresent()
                ? Optional.of(intVar("PGBACKREST_REPO1_STORAGE_PORT", 443, 1, 65535, "9000"))
                : Optional.empty();
        boolean verifyTls = bool("PGBACKREST_REPO1_STORAGE_VERIFY_TLS", true);
        Optional<Path> caFile = caFile();
        int retentionFull = intVar("PGBACKREST_REPO1_RETENTION_FULL", 2, 1, 9_999_999, "2");
        Optional<Integer> retentionDiff = env.get("PGBACKREST_REPO1_RETENTION_DIFF").isPresent()
                ? Optional.of(intVar("PGBACKREST_REPO1_RETENTION_DIFF", 7, 1, 9_999_999, "7"))
                : Optional.empty();
        Optional<Secret> cipherPass = iniSecret("PGBACKREST_REPO1_CIPHER_PASS");
        String cipherType = env.get("PGBACKREST_REPO1_CIPHER_TYPE", cipherPass.isPresent() ? "aes-256-cbc" : "none");
        if (cipherType.equals("aes-256-cbc") && cipherPass.isEmpty()) {
            missing("PGBACKREST_REPO1_CIPHER_PASS", "PGBACKREST_REPO1_CIPHER_PASS_FILE=/run/secrets/backup-passphrase",
                    "PGBACKREST_REPO1_CIPHER_TYPE=aes-256-cbc encrypts the repository with this passphrase");
        } else if (!cipherType.equals("aes-256-cbc") && !cipherType.equals("none")) {
            env.report(Problem.of("PGBACKREST_REPO1_CIPHER_TYPE", "'" + cipherType + "' is not a cipher type",
                    "pgBackRest knows none and aes-256-cbc",
                    "PGBACKREST_REPO1_CIPHER_TYPE=aes-256-cbc"));
        } else if (cipherType.equals("none") && cipherPass.isPresent()) {
            env.report(Problem.of("PGBACKREST_REPO1_CIPHER_TYPE", "is 'none' but a cipher passphrase is set",
                    "the passphrase would be ignored and the repository left unencrypted",
                    "PGBACKREST_REPO1_CIPHER_TYPE=aes-256-cbc (or remove PGBACKREST_REPO1_CIPHER_PASS)"));
        }
        String compressType = env.get("PGBACKREST_COMPRESS_TYPE", "zst").toLowerCase(Locale.ROOT);
        if (!COMPRESS_TYPES.contains(compressType)) {
            env.report(Problem.of("PGBACKREST_COMPRESS_TYPE", "'" + compressType + "' is not a compression type",
                    "pgBackRest knows " + String.join(", ", new java.util.TreeSet<>(COMPRESS_TYPES)),
                    "PGBACKREST_COMPRESS_TYPE=zst"));
        }
        // zstd level 1 (pgBackRest's default for zst is 3): on the benchmark's realistic data (README,
        // Performance) it compresses almost as well at a fraction of the CPU, which a 2-core host runs out of first.
        Optional<Integer> compressLevel = env.get("PGBACKREST_COMPRESS_LEVEL").isPresent()
                ? Optional.of(intVar("PGBACKREST_COMPRESS_LEVEL", 1, -5, 22, "1"))
                : compressType.equals("zst") ? Optional.of(1) : Optional.empty();
        // one more process than cores: while one waits on S3, the others compress (capped: S3 connections)
        int processMax = intVar("PGBACKREST_PROCESS_MAX", defaultProcessMax(cores), 1, 999, "2");
        boolean bundle = bool("PGBACKREST_REPO1_BUNDLE", true);
        boolean block = bool("PGBACKREST_REPO1_BLOCK", true);
        if (block && !bundle) {
            env.report(Problem.of("PGBACKREST_REPO1_BLOCK", "is y, but PGBACKREST_REPO1_BUNDLE is n",
                    "pgBackRest's block incremental needs bundling", "PGBACKREST_REPO1_BLOCK=n", "or PGBACKREST_REPO1_BUNDLE=y"));
        }
        return Optional.of(new Repo(bucket, endpoint, region, keyType, key, keySecret, path, uriStyle, port,
                verifyTls, caFile, retentionFull, retentionDiff,
                cipherType.equals("aes-256-cbc") ? cipherPass : Optional.empty(),
                compressType, compressLevel, processMax, bundle, block));
    }

    /** cores + 1, at least 2 and at most 16. */
    public static int defaultProcessMax(int cores) {
        return Math.max(2, Math.min(cores + 1, 16));
    }

    private String endpoint() {
        String e = required("PGBACKREST_REPO1_S3_ENDPOINT", "PGBACKREST_REPO1_S3_ENDPOINT=s3.eu-west-1.amazonaws.com",
                "pgBackRest needs the host name of the S3 service");
        if (e.isEmpty()) {
            return e;
        }
        String host = e;
        String hint = "";
        var scheme = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://").matcher(host);
        if (scheme.find()) {
            host = host.substring(scheme.end());
            hint = "pgBackRest always speaks HTTPS to S3: give the host name without a scheme";
        }
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
            hint = hint.isEmpty() ? "the endpoint is a host name; the path in the bucket is PGBACKREST_REPO1_PATH" : hint;
        }
        String portFix = null;
        int colon = host.lastIndexOf(':');
        if (colon > 0) {
            portFix = "PGBACKREST_REPO1_STORAGE_PORT=" + host.substring(colon + 1);
            host = host.substring(0, colon);
            hint = hint.isEmpty() ? "the port goes in PGBACKREST_REPO1_STORAGE_PORT" : hint + "; the port goes in PGBACKREST_REPO1_STORAGE_PORT";
        }
        if (!hint.isEmpty() || !HOST.matcher(host).matches()) {
            List<String> fix = new ArrayList<>();
            fix.add("PGBACKREST_REPO1_S3_ENDPOINT=" + (HOST.matcher(host).matches() ? host : "s3.example.com"));
            if (portFix != null) {
                fix.add(portFix);
            }
            env.report(new Problem("PGBACKREST_REPO1_S3_ENDPOINT", "'" + e + "' is not a host name",
                    hint.isEmpty() ? "pgBackRest needs the bare host name of the S3 service" : hint, fix));
        }
        return host;
    }

    private Optional<Path> caFile() {
        Optional<String> v = env.get("PGBACKREST_REPO1_STORAGE_CA_FILE");
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Path p = Path.of(v.get());
        Optional<String> content = env.readFile(p);
        if (content.isEmpty()) {
            env.report(Problem.of("PGBACKREST_REPO1_STORAGE_CA_FILE", "cannot read " + p,
                    "pgBackRest verifies the S3 server's certificate against this CA file",
                    "mount the CA certificate read-only: docker run -v ./ca.crt:" + p + ":ro ..."));
        } else if (!content.get().contains("BEGIN CERTIFICATE")) {
            env.report(Problem.of("PGBACKREST_REPO1_STORAGE_CA_FILE", p + " does not contain a PEM certificate",
                    "pgBackRest expects a PEM file (-----BEGIN CERTIFICATE-----)",
                    "openssl x509 -in ca.der -inform der -out ca.crt   # convert, then mount ca.crt"));
        }
        return Optional.of(p);
    }

    private Config.Ssl ssl() {
        Path dir = absolutePath("PGCTL_SSL_DIR", "/var/lib/postgresql/ssl");
        List<String> hosts = new ArrayList<>();
        for (String h : env.get("PGCTL_SSL_HOSTNAMES", "").split("[,\\s]+")) {
            if (h.isEmpty()) {
                continue;
            }
            if (!HOST.matcher(h).matches() && !h.matches("[0-9a-fA-F:.]+")) {
                env.report(Problem.of("PGCTL_SSL_HOSTNAMES", "'" + h + "' is not a host name or IP address",
                        "each name becomes a subject alternative name of the generated server certificate",
                        "PGCTL_SSL_HOSTNAMES=db.example.com,db"));
                continue;
            }
            hosts.add(h);
        }
        String min = env.get("PGCTL_SSL_MIN_PROTOCOL", "TLSv1.2");
        if (!min.equals("TLSv1.2") && !min.equals("TLSv1.3")) {
            env.report(Problem.of("PGCTL_SSL_MIN_PROTOCOL", "'" + min + "' is not TLSv1.2 or TLSv1.3",
                    "older protocols are not safe", "PGCTL_SSL_MIN_PROTOCOL=TLSv1.2"));
        }
        return new Config.Ssl(dir, List.copyOf(hosts), min);
    }

    private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Set<String> SSL_MODES = Set.of("require", "verify-ca", "verify-full");

    private Config.Replication replication(Role role, Postgres postgres) {
        String user = env.get("PGCTL_REPLICATION_USER", "replicator");
        if (!ROLE_NAME.matcher(user).matches()) {
            env.report(Problem.of("PGCTL_REPLICATION_USER", "'" + user + "' is not a plain role name",
                    "pgctl creates this role on the primary; use lower-case letters, digits and underscores",
                    "PGCTL_REPLICATION_USER=replicator"));
        } else if (user.equals(postgres.superuser())) {
            env.report(Problem.of("PGCTL_REPLICATION_USER", "is the superuser '" + user + "'",
                    "replicas should connect with a role that can replicate and nothing else",
                    "PGCTL_REPLICATION_USER=replicator"));
        }
        Optional<Secret> password = env.secret("PGCTL_REPLICATION_PASSWORD");
        Optional<String> slot = env.get("PGCTL_REPLICATION_SLOT");
        if (slot.isPresent() && !ROLE_NAME.matcher(slot.get()).matches()) {
            env.report(Problem.of("PGCTL_REPLICATION_SLOT", "'" + slot.get() + "' is not a valid slot name",
                    "slot names are lower-case letters, digits and underscores, at most 63",
                    "PGCTL_REPLICATION_SLOT=replica_1"));
        }
        Optional<String> host = env.get("PGCTL_PRIMARY_HOST");
        if (host.isPresent() && !HOST.matcher(host.get()).matches() && !host.get().matches("[0-9a-fA-F:.]+")) {
            env.report(Problem.of("PGCTL_PRIMARY_HOST", "'" + host.get() + "' is not a host name or IP address",
                    "the replica connects to the primary there", "PGCTL_PRIMARY_HOST=db-primary"));
        }
        int port = intVar("PGCTL_PRIMARY_PORT", 5432, 1, 65535, "5432");
        String sslMode = env.get("PGCTL_PRIMARY_SSLMODE", "require").toLowerCase(Locale.ROOT);
        if (!SSL_MODES.contains(sslMode)) {
            env.report(Problem.of("PGCTL_PRIMARY_SSLMODE", "'" + sslMode + "' is not require, verify-ca or verify-full",
                    "replication always runs over SSL; the mode says how much of the primary's certificate is checked",
                    "PGCTL_PRIMARY_SSLMODE=require"));
        }
        Optional<Path> rootCert = env.get("PGCTL_PRIMARY_SSLROOTCERT").map(Path::of);
        if (sslMode.startsWith("verify") && rootCert.isEmpty()) {
            env.report(Problem.of("PGCTL_PRIMARY_SSLROOTCERT", "is not set, and PGCTL_PRIMARY_SSLMODE=" + sslMode,
                    sslMode + " checks the primary's certificate against a CA certificate",
                    "PGCTL_PRIMARY_SSLROOTCERT=/var/lib/postgresql/primary-ssl/ca.crt   (the primary's "
                            + "PGCTL_SSL_DIR/ca.crt, mounted read-only)"));
        } else if (rootCert.isPresent() && env.readFile(rootCert.get()).isEmpty()) {
            env.report(Problem.of("PGCTL_PRIMARY_SSLROOTCERT", "cannot read " + rootCert.get(),
                    "the replica checks the primary's certificate against it",
                    "mount it read-only: docker run -v ./ca.crt:" + rootCert.get() + ":ro ..."));
        }
        int wait = intVar("PGCTL_PRIMARY_WAIT_TIMEOUT", 600, 0, 86400, "600");
        if (role == Role.REPLICA) {
            if (host.isEmpty()) {
                env.report(Problem.of("PGCTL_PRIMARY_HOST", "is not set, and PGCTL_ROLE=replica",
                        "a replica clones its primary on first start and then follows it",
                        "PGCTL_PRIMARY_HOST=db-primary   (the primary's host name on your network)"));
            }
            if (password.isEmpty()) {
                env.report(Problem.of("PGCTL_REPLICATION_PASSWORD", "is not set, and PGCTL_ROLE=replica",
                        "the replica logs in to the primary as " + user + " with this password (the primary's "
                                + "PGCTL_REPLICATION_PASSWORD)",
                        "PGCTL_REPLICATION_PASSWORD_FILE=/run/secrets/replication-password   (the same file as the primary's)"));
            }
        } else if (host.isPresent()) {
            env.report(Problem.of("PGCTL_PRIMARY_HOST", "is set, but PGCTL_ROLE is primary",
                    "only a replica follows a primary; this node would ignore it",
                    "PGCTL_ROLE=replica   (to follow " + host.get() + ")", "or remove PGCTL_PRIMARY_HOST"));
        }
        return new Config.Replication(user, password, slot, host, port, sslMode, rootCert, wait);
    }

    private Config.RestoreTarget restoreTarget() {
        return RestoreInput.parse(env.get("PGCTL_RESTORE_TARGET_TIME"), env.get("PGCTL_RESTORE_TARGET_NAME"),
                env.get("PGCTL_RESTORE_TARGET_LSN"), env.get("PGCTL_RESTORE_SET"), RestoreInput.Names.ENV, env::report);
    }

    private RestorePolicy restorePolicy() {
        String v = env.get("PGCTL_RESTORE_ON_EMPTY", "auto").toLowerCase(Locale.ROOT);
        try {
            return RestorePolicy.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            env.report(Problem.of("PGCTL_RESTORE_ON_EMPTY", "'" + v + "' is not a restore policy",
                    "it decides what an empty data directory becomes: auto (restore if there is a backup), "
                            + "require (restore or refuse to start), never (always a new cluster)",
                    "PGCTL_RESTORE_ON_EMPTY=auto"));
            return RestorePolicy.AUTO;
        }
    }

    private Optional<String> schedule(String name, String dflt) {
        String v = env.get(name, dflt);
        if (Set.of("off", "none", "disabled", "false", "no").contains(v.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        try {
            CRON.parse(v).validate();
            return Optional.of(v.trim().replaceAll("\\s+", " "));
        } catch (IllegalArgumentException e) {
            env.report(Problem.of(name, "'" + v + "' is not a cron expression (" + e.getMessage() + ")",
                    "the schedule is five fields: minute hour day-of-month month day-of-week",
                    name + "='" + dflt + "'", name + "=off   # to disable this schedule"));
            return Optional.of(dflt);
        }
    }

    private String required(String name, String example, String why) {
        Optional<String> v = env.get(name);
        if (v.isEmpty()) {
            if (env.raw(name + "_FILE").isEmpty()) {
                missing(name, example, why);
            }
            return "";
        }
        return v.get();
    }

    private void missing(String name, String example, String why) {
        env.report(Problem.of(name, "is not set", why + "; an S3 repository is configured (PGBACKREST_REPO1_S3_*)", example));
    }

    private int intVar(String name, int dflt, int min, int max, String example) {
        Optional<String> v = env.get(name);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v.get());
            if (i < min || i > max) {
                env.report(Problem.of(name, v.get() + " is out of range",
                        "it must be between " + min + " and " + max, name + "=" + example));
                return dflt;
            }
            return i;
        } catch (NumberFormatException e) {
            env.report(Problem.of(name, "'" + v.get() + "' is not a whole number", "", name + "=" + example));
            return dflt;
        }
    }

    private boolean bool(String name, boolean dflt) {
        Optional<String> v = env.get(name);
        if (v.isEmpty()) {
            return dflt;
        }
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "y", "yes", "true", "on", "1" -> true;
            case "n", "no", "false", "off", "0" -> false;
            default -> {
                env.report(Problem.of(name, "'" + v.get() + "' is not y or n", "", name + "=y"));
                yield dflt;
            }
        };
    }

    private Path absolutePath(String name, String dflt) {
        String v = env.get(name, dflt);
        Optional<String> defect = SafeText.pathDefect(v);
        if (defect.isPresent()) {
            env.report(Problem.of(name, "'" + v + "' " + defect.get(), "", name + "=" + dflt));
            return Path.of(dflt);
        }
        return Path.of(v).normalize();
    }

    /**
     * A secret that goes into pgbackrest.conf: pgBackRest drops white space at either end of a value
     * there (it has no quoting), so such a secret would silently become another one.
     */
    private Optional<Secret> iniSecret(String name) {
        Optional<Secret> s = env.secret(name);
        if (s.isPresent() && !s.get().reveal().equals(s.get().reveal().strip())) {
            String subject = env.raw(name + "_FILE").isPresent() ? name + "_FILE" : name;
            env.report(Problem.of(subject, "the value starts or ends with a space (a secret: its value is not shown)",
                    "pgBackRest reads pgbackrest.conf without quoting and drops spaces at either end of a value, so it "
                            + "would sign with another secret; nothing was written",
                    "write the value without the spaces: printf '%s' 'the-value' > /run/secrets/" + name.toLowerCase(Locale.ROOT)));
        }
        return s;
    }
}
