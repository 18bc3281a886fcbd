package dev.pgctl.config;

import static dev.pgctl.config.Variable.*;

import dev.pgctl.retention.CalendarPolicy;

import dev.pgctl.problem.Problem;
import dev.pgctl.config.Config.Paths;
import dev.pgctl.config.Config.Postgres;
import dev.pgctl.config.Config.Repo;
import dev.pgctl.config.Config.RestorePolicy;
import dev.pgctl.config.Config.Role;
import dev.pgctl.config.Config.Schedules;
import dev.pgctl.config.RestoreTarget;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.pgctl.text.SafeText;

/**
 * Parses and validates the environment into one {@link Config}. Pure apart
 * from reading the files that {@code *_FILE} variables name (through
 * {@link Env}). Every problem is collected so the user sees all of them at once.
 *
 * <p>Values are read by type through {@link Vars}, with the names and defaults of the
 * {@link Variable} table; what is left here are the rules: formats, and checks between variables.
 */
public final class ConfigLoader {

    public static final String DEFAULT_PGDATA = "/var/lib/postgresql/18/docker";
    public static final String DEFAULT_SCHEDULE_FULL = "0 1 * * 0";
    public static final String DEFAULT_SCHEDULE_DIFF = "0 1 * * 1-6";
    public static final String DEFAULT_SCHEDULE_INCR = "*/30 * * * *";
    /** A second repository's: see PGCTL_BACKUP_SCHEDULE_REPO2_FULL's row in Variable. */
    public static final String DEFAULT_SCHEDULE_REPO2_FULL = "15 3 * * 0";
    public static final String DEFAULT_SCHEDULE_REPO2_DIFF = "15 3 * * 1-6";
    /** Wednesdays 04:15 UTC: see PGCTL_DRILL_SCHEDULE's row in Variable. */
    public static final String DEFAULT_DRILL_SCHEDULE = "15 4 * * 3";
    /** On the volume (which survives a new container), beside PGDATA, never inside it. */
    public static final String DEFAULT_DRILL_DIR = "/var/lib/postgresql/pgctl/drill";
    public static final String DEFAULT_DRILL_RESULTS = "/var/lib/postgresql/pgctl/drills";
    /** PGCTL_SSL_DIR's default: a constant, so that help texts (pgctl ssl --help) can name it. */
    public static final String DEFAULT_SSL_DIR = "/var/lib/postgresql/ssl";

    static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final Pattern STANZA = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    /** AWS regions (eu-west-1) and what S3-compatible servers call theirs (us-east-1, garage, fr-par, auto). */
    static final Pattern REGION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /**
     * A superuser name that pgbackrest.conf (pg1-user), psql's -U and the official entrypoint's initdb
     * all carry unquoted; PostgreSQL keeps at most 63 bytes of a name.
     */
    private static final Pattern SUPERUSER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@-]{0,62}");

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
    private final Vars vars;
    private final int cores;

    public ConfigLoader(Env env, int cores) {
        this.env = env;
        this.vars = new Vars(env);
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
        int archiveTimeout = vars.integer(PGCTL_ARCHIVE_TIMEOUT);
        Schedules schedules = new Schedules(
                vars.schedule(PGCTL_BACKUP_SCHEDULE_FULL),
                vars.schedule(PGCTL_BACKUP_SCHEDULE_DIFF),
                vars.schedule(PGCTL_BACKUP_SCHEDULE_INCR));
        RestorePolicy policy = restorePolicy();
        Paths paths = new Paths(
                vars.path(PGBACKREST_CONFIG),
                vars.path(PGCTL_CONF_DIR),
                vars.path(PGCTL_RUN_DIR),
                vars.path(PGBACKREST_SPOOL_PATH));
        Config.Ssl ssl = ssl();
        RestoreTarget target = RestoreTarget.fromEnvironment(env::get, env::report);
        Config.Replication replication = replication(role, postgres);
        Config.Notify notifications = new Config.Notify(webhook(PGCTL_NOTIFY_URL), webhook(PGCTL_NOTIFY_HEARTBEAT_URL),
                Duration.ofSeconds(vars.integer(PGCTL_NOTIFY_REPEAT)),
                Duration.ofSeconds(vars.integer(PGCTL_NOTIFY_HEARTBEAT_INTERVAL)));
        // ui.Out reads it itself (it logs before there is a Config); here it is only checked
        vars.choice(PGCTL_LOG_FORMAT, f -> Problem.of("PGCTL_LOG_FORMAT", "'" + f + "' is not a log format",
                "pgctl writes its log lines as plain text or as one JSON object a line",
                "PGCTL_LOG_FORMAT=text", "PGCTL_LOG_FORMAT=json"));
        DrillSettings drill = drill(postgres);
        Optional<Integer> metricsPort = vars.portOrOff(PGCTL_METRICS_PORT);
        Config.Monitoring monitoring = new Config.Monitoring(metricsPort, walBacklogMax());
        Optional<Config.Repo2> repo2 = new Repo2Loader(env, vars, this).load(repo.isPresent(), postgres.pgdata());
        if (repo2.isEmpty() && vars.optional(PGCTL_RESTORE_REPO).filter(v -> !v.equalsIgnoreCase("auto")).isPresent()) {
            env.report(Problem.of("PGCTL_RESTORE_REPO", "is set, but there is no second repository",
                    "it picks one of two repositories to restore from; with one repository, that one is used",
                    "remove PGCTL_RESTORE_REPO", "or configure the second repository (PGBACKREST_REPO2_TYPE, README "
                            + "\"Second repository\")"));
        }
        if (!env.problems().isEmpty()) {
            throw new InvalidConfig(env.problems());
        }
        return new Config(role, postgres, repo, stanza, archiveTimeout, schedules, policy, paths, ssl, target, replication,
                notifications, drill, monitoring, repo2);
    }

    /**
     * A webhook URL: http or https with a host ({@link #urlDefect}). It usually carries a token, so a problem
     * never shows the value (nor its scheme): it names the variable (NAME_FILE when the value came from a file).
     */
    private Optional<Secret> webhook(Variable var) {
        Optional<Secret> s = vars.secret(var);
        s.flatMap(v -> urlDefect(v.reveal())).ifPresent(defect -> {
            String subject = env.raw(var.name() + "_FILE").isPresent() ? var.name() + "_FILE" : var.name();
            env.report(Problem.of(subject, defect + " (its value is not shown: such URLs carry tokens)",
                    "pgctl sends " + (var == PGCTL_NOTIFY_URL ? "alerts" : "heartbeats") + " there over HTTP or HTTPS",
                    var.name() + "_FILE=/run/secrets/" + var.name().toLowerCase(Locale.ROOT).replace('_', '-')
                            + "   # holding https://hooks.example.com/services/...",
                    "or unset " + var.name() + " to send none"));
        });
        return s;
    }

    /** What is wrong with a webhook URL, if anything: pure, for the messages of {@link #webhook}. */
    static Optional<String> urlDefect(String url) {
        int colon = url.indexOf(':');
        String scheme = colon > 0 ? url.substring(0, colon).toLowerCase(Locale.ROOT) : "";
        if (!url.contains("://") || !scheme.matches("[a-z][a-z0-9+.-]*")) {
            return Optional.of("is not a URL: it has no scheme (http:// or https://)");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("is not an http:// or https:// URL");
        }
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return Optional.of("is not a URL pgctl can call: it has no host name");
            }
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL (" + e.getReason() + " at position " + (e.getIndex() + 1) + ")");
        }
        return Optional.empty();
    }

    /** The smallest PGCTL_WAL_BACKLOG_MAX: one WAL segment. */
    static final long WAL_BACKLOG_MIN_MIB = 16;

    /** PGCTL_WAL_BACKLOG_MAX: off, or a size in MB, GB or TB (binary, as pgBackRest reads them), in MiB. */
    private Optional<Long> walBacklogMax() {
        String name = PGCTL_WAL_BACKLOG_MAX.name();
        String s = vars.text(PGCTL_WAL_BACKLOG_MAX).strip();
        if (s.equalsIgnoreCase("off") || s.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = Pattern.compile("(\\d{1,9})\\s*([MGT])B", Pattern.CASE_INSENSITIVE)
                .matcher(s);
        if (!m.matches()) {
            env.report(Problem.of(name, "'" + SafeText.visible(s) + "' is not a size",
                    "it is how much WAL may wait for S3 before pgBackRest drops it: a number with MB, GB or TB",
                    name + "=2GB", name + "=off   # never drop WAL (the default)"));
            return Optional.empty();
        }
        long mib = Long.parseLong(m.group(1)) << switch (Character.toUpperCase(m.group(2).charAt(0))) {
            case 'G' -> 10;
            case 'T' -> 20;
            default -> 0;
        };
        if (mib < WAL_BACKLOG_MIN_MIB) {
            env.report(Problem.of(name, s + " is less than one WAL segment",
                    "pgBackRest would drop every segment at once", name + "=2GB"));
            return Optional.empty();
        }
        return Optional.of(mib);
    }

    /** A PGCTL_* variable that is not in the {@link Variable} table (nor its NAME_FILE form) is a typo. */
    private void unknownVariables() {
        for (String name : env.withPrefix("PGCTL_").keySet()) {
            boolean known = Variable.named(name).isPresent() || name.endsWith("_FILE")
                    && Variable.named(name.substring(0, name.length() - 5)).filter(Variable::fileForm).isPresent();
            if (!known) {
                env.report(Problem.of(name, "unknown variable",
                        "a mistyped name would silently leave the default in force",
                        "remove it, or use one of: " + String.join(", ", Arrays.stream(Variable.values())
                                .map(Variable::name).filter(n -> n.startsWith("PGCTL_")).sorted().toList())));
            }
        }
    }

    private Role role() {
        String v = vars.text(PGCTL_ROLE).toLowerCase(Locale.ROOT);
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
        Path pgdata = vars.path(PGDATA);
        int port = vars.integer(PGPORT);
        String user = vars.text(POSTGRES_USER);
        if (!SUPERUSER.matcher(user).matches()) {
            env.report(Problem.of("POSTGRES_USER", "'" + user + "' is not a plain role name",
                    "pgctl writes it into pgbackrest.conf (pg1-user) and passes it to psql; use at most 63 letters, "
                            + "digits and _ . @ -",
                    "POSTGRES_USER=postgres"));
        }
        return new Postgres(pgdata, port, Path.of("/var/run/postgresql"), user);
    }

    private DrillSettings drill(Postgres postgres) {
        Optional<String> schedule = vars.schedule(PGCTL_DRILL_SCHEDULE);
        Path dir = vars.path(PGCTL_DRILL_DIR);
        Path results = vars.path(PGCTL_DRILL_RESULTS);
        Path pgdata = postgres.pgdata().toAbsolutePath().normalize();
        for (Variable v : List.of(PGCTL_DRILL_DIR, PGCTL_DRILL_RESULTS)) {
            Path p = v == PGCTL_DRILL_DIR ? dir : results;
            if (p.startsWith(pgdata) || pgdata.startsWith(p)) {
                env.report(Problem.of(v.name(), p + " overlaps PGDATA (" + pgdata + ")",
                        "a drill never writes inside the running cluster's data directory, and PGDATA is not kept there",
                        v.name() + "=" + (v == PGCTL_DRILL_DIR ? DEFAULT_DRILL_DIR : DEFAULT_DRILL_RESULTS)));
            }
        }
        List<String> queries = DrillSettings.queries(vars.optional(PGCTL_DRILL_SQL).orElse(""));
        String database = vars.optional(PGCTL_DRILL_DATABASE)
                .or(() -> env.get(POSTGRES_DB.name())).orElse(postgres.superuser());
        String amcheck = vars.choice(PGCTL_DRILL_AMCHECK, value -> Problem.of("PGCTL_DRILL_AMCHECK",
                "'" + value + "' is not all, sample or off", "it says which relations a drill checks with amcheck",
                "PGCTL_DRILL_AMCHECK=all", "PGCTL_DRILL_AMCHECK=sample   # the largest relations only"));
        return new DrillSettings(schedule, dir, results, queries, database, PGCTL_DRILL_AMCHECK.allows(amcheck)
                ? DrillSettings.Amcheck.valueOf(amcheck.toUpperCase(Locale.ROOT)) : DrillSettings.Amcheck.ALL);
    }

    private String stanza() {
        String s = vars.text(PGBACKREST_STANZA);
        if (!STANZA.matcher(s).matches()) {
            env.report(Problem.of("PGBACKREST_STANZA", "'" + s + "' is not a valid stanza name",
                    "pgBackRest uses it as a directory name in the repository",
                    "PGBACKREST_STANZA=main"));
        }
        return s;
    }

    private Optional<Repo> repo() {
        boolean configured = env.raw(PGBACKREST_REPO1_TYPE.name()).isPresent()
                || env.withPrefix("PGBACKREST_REPO1_S3_").keySet().stream().anyMatch(k -> !env.raw(k).isEmpty());
        if (!configured) {
            return Optional.empty();
        }
        vars.choice(PGBACKREST_REPO1_TYPE, type -> Problem.of("PGBACKREST_REPO1_TYPE",
                "repository type '" + type + "' is not supported by this image",
                "pgctl drives an S3 (or S3-compatible) repository",
                "PGBACKREST_REPO1_TYPE=s3"));
        String bucket = required(PGBACKREST_REPO1_S3_BUCKET, "PGBACKREST_REPO1_S3_BUCKET=my-backups",
                "the S3 bucket that holds the backups");
        if (!bucket.isEmpty() && !BUCKET.matcher(bucket).matches()) {
            env.report(Problem.of("PGBACKREST_REPO1_S3_BUCKET", "'" + bucket + "' is not a valid bucket name",
                    "S3 bucket names are 3 to 63 lower-case letters, digits, dots and hyphens",
                    "PGBACKREST_REPO1_S3_BUCKET=my-backups"));
        }
        String endpoint = endpoint();
        String region = vars.text(PGBACKREST_REPO1_S3_REGION);
        if (!REGION.matcher(region).matches()) {
            env.report(Problem.of("PGBACKREST_REPO1_S3_REGION", "'" + region + "' is not a region name",
                    "pgBackRest signs every S3 request for this region; region names are letters, digits, _ . and -",
                    "PGBACKREST_REPO1_S3_REGION=eu-west-1", "PGBACKREST_REPO1_S3_REGION=us-east-1   (most S3-compatible servers)"));
        }
        Optional<Secret> key = iniSecret(PGBACKREST_REPO1_S3_KEY);
        Optional<Secret> keySecret = iniSecret(PGBACKREST_REPO1_S3_KEY_SECRET);
        // auto and web-id: the credentials come from the instance or the web identity token
        String keyType = vars.choice(PGBACKREST_REPO1_S3_KEY_TYPE, t -> Problem.of("PGBACKREST_REPO1_S3_KEY_TYPE",
                "'" + t + "' is not a key type",
                "pgBackRest knows shared (access key + secret), auto (instance role) and web-id",
                "PGBACKREST_REPO1_S3_KEY_TYPE=shared"));
        if (keyType.equals("shared")) {
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
        String path = vars.text(PGBACKREST_REPO1_PATH);
        if (!path.startsWith("/")) {
            env.report(Problem.of("PGBACKREST_REPO1_PATH", "'" + path + "' is not an absolute path",
                    "the repository path inside the bucket must start with /",
                    "PGBACKREST_REPO1_PATH=/" + path));
        }
        String uriStyle = vars.choice(PGBACKREST_REPO1_S3_URI_STYLE, s -> Problem.of("PGBACKREST_REPO1_S3_URI_STYLE",
                "'" + s + "' is not a URI style",
                "S3 addresses a bucket either as a host name (AWS) or in the path (most S3-compatible servers)",
                "PGBACKREST_REPO1_S3_URI_STYLE=host", "PGBACKREST_REPO1_S3_URI_STYLE=path"));
        // unset: pgBackRest's 443
        Optional<Integer> port = vars.optionalInteger(PGBACKREST_REPO1_STORAGE_PORT, "9000");
        boolean verifyTls = vars.bool(PGBACKREST_REPO1_STORAGE_VERIFY_TLS);
        Optional<Path> caFile = caFile();
        int retentionFull = vars.integer(PGBACKREST_REPO1_RETENTION_FULL);
        Optional<Integer> retentionDiff = vars.optionalInteger(PGBACKREST_REPO1_RETENTION_DIFF, "7");
        Optional<Secret> cipherPass = iniSecret(PGBACKREST_REPO1_CIPHER_PASS);
        String cipherType = vars.optional(PGBACKREST_REPO1_CIPHER_TYPE)
                .orElse(cipherPass.isPresent() ? "aes-256-cbc" : "none");
        if (cipherType.equals("aes-256-cbc") && cipherPass.isEmpty()) {
            missing("PGBACKREST_REPO1_CIPHER_PASS", "PGBACKREST_REPO1_CIPHER_PASS_FILE=/run/secrets/backup-passphrase",
                    "PGBACKREST_REPO1_CIPHER_TYPE=aes-256-cbc encrypts the repository with this passphrase");
        } else if (!PGBACKREST_REPO1_CIPHER_TYPE.allows(cipherType)) {
            env.report(Problem.of("PGBACKREST_REPO1_CIPHER_TYPE", "'" + cipherType + "' is not a cipher type",
                    "pgBackRest knows none and aes-256-cbc",
                    "PGBACKREST_REPO1_CIPHER_TYPE=aes-256-cbc"));
        } else if (cipherType.equals("none") && cipherPass.isPresent()) {
            env.report(Problem.of("PGBACKREST_REPO1_CIPHER_TYPE", "is 'none' but a cipher passphrase is set",
                    "the passphrase would be ignored and the repository left unencrypted",
                    "PGBACKREST_REPO1_CIPHER_TYPE=aes-256-cbc (or remove PGBACKREST_REPO1_CIPHER_PASS)"));
        }
        String compressType = vars.choice(PGBACKREST_COMPRESS_TYPE, t -> Problem.of("PGBACKREST_COMPRESS_TYPE",
                "'" + t + "' is not a compression type",
                "pgBackRest knows " + String.join(", ", new TreeSet<>(PGBACKREST_COMPRESS_TYPE.type().values())),
                "PGBACKREST_COMPRESS_TYPE=zst"));
        // zstd level 1 (pgBackRest's default for zst is 3): on the benchmark's realistic data (README,
        // Performance) it compresses almost as well at a fraction of the CPU, which a 2-core host runs out of first.
        Optional<Integer> compressLevel = vars.optionalInteger(PGBACKREST_COMPRESS_LEVEL, "1");
        if (compressLevel.isEmpty() && compressType.equals("zst")) {
            compressLevel = Optional.of(1);
        }
        // one more process than cores: while one waits on S3, the others compress (capped: S3 connections)
        int processMax = vars.optionalInteger(PGBACKREST_PROCESS_MAX, "2").orElse(defaultProcessMax(cores));
        boolean bundle = vars.bool(PGBACKREST_REPO1_BUNDLE);
        boolean block = vars.bool(PGBACKREST_REPO1_BLOCK);
        if (block && !bundle) {
            env.report(Problem.of("PGBACKREST_REPO1_BLOCK", "is y, but PGBACKREST_REPO1_BUNDLE is n",
                    "pgBackRest's block incremental needs bundling", "PGBACKREST_REPO1_BLOCK=n", "or PGBACKREST_REPO1_BUNDLE=y"));
        }
        Optional<CalendarPolicy> calendar = vars.optional(PGCTL_RETENTION).flatMap(text -> {
            CalendarPolicy.CalendarPolicyOrDefect r = CalendarPolicy.parse(text);
            r.defect().ifPresent(d -> env.report(Problem.of("PGCTL_RETENTION", d.why(),
                    "it says how many of the most recent days, ISO weeks, months and years keep their first full backup",
                    "PGCTL_RETENTION=daily=7,weekly=4,monthly=12,yearly=2", "or leave it unset to keep "
                            + "PGBACKREST_REPO1_RETENTION_FULL full backups")));
            return r.policy();
        });
        return Optional.of(new Repo(bucket, endpoint, region, keyType, key, keySecret, path, uriStyle, port,
                verifyTls, caFile, retentionFull, retentionDiff,
                cipherType.equals("aes-256-cbc") ? cipherPass : Optional.empty(),
                compressType, compressLevel, processMax, bundle, block, calendar));
    }

    /** cores + 1, at least 2 and at most 16. */
    public static int defaultProcessMax(int cores) {
        return Math.max(2, Math.min(cores + 1, 16));
    }

    private String endpoint() {
        String e = required(PGBACKREST_REPO1_S3_ENDPOINT, "PGBACKREST_REPO1_S3_ENDPOINT=s3.eu-west-1.amazonaws.com",
                "pgBackRest needs the host name of the S3 service");
        return hostName(PGBACKREST_REPO1_S3_ENDPOINT, e, PGBACKREST_REPO1_STORAGE_PORT, PGBACKREST_REPO1_PATH, "S3",
                "s3.example.com");
    }

    /**
     * The bare host name of a storage service ({@code e}, as set in {@code var}): a scheme, a port or a path is
     * reported with the split fix (the port goes in {@code portVar}, the path in {@code pathVar}).
     */
    String hostName(Variable var, String e, Variable portVar, Variable pathVar, String service, String example) {
        if (e.isEmpty()) {
            return e;
        }
        String host = e;
        String hint = "";
        var scheme = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://").matcher(host);
        if (scheme.find()) {
            host = host.substring(scheme.end());
            hint = "pgBackRest always speaks HTTPS to " + service + ": give the host name without a scheme";
        }
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
            hint = hint.isEmpty() ? "the endpoint is a host name; the path in the " + (service.equals("S3") ? "bucket" : "container")
                    + " is " + pathVar.name() : hint;
        }
        String portFix = null;
        int colon = host.lastIndexOf(':');
        if (colon > 0) {
            portFix = portVar.name() + "=" + host.substring(colon + 1);
            host = host.substring(0, colon);
            hint = hint.isEmpty() ? "the port goes in " + portVar.name() : hint + "; the port goes in " + portVar.name();
        }
        if (!hint.isEmpty() || !HOST.matcher(host).matches()) {
            List<String> fix = new ArrayList<>();
            fix.add(var.name() + "=" + (HOST.matcher(host).matches() ? host : example));
            if (portFix != null) {
                fix.add(portFix);
            }
            env.report(new Problem(var.name(), "'" + e + "' is not a host name",
                    hint.isEmpty() ? "pgBackRest needs the bare host name of the " + service + " service" : hint, fix));
        }
        return host;
    }

    private Optional<Path> caFile() {
        return caFile(PGBACKREST_REPO1_STORAGE_CA_FILE, "S3");
    }

    /** A PEM CA file the {@code service}'s certificate is verified against, if set: readable, and PEM. */
    Optional<Path> caFile(Variable var, String service) {
        Optional<String> v = vars.optional(var);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Path p = Path.of(v.get());
        Optional<String> content = env.readFile(p);
        if (content.isEmpty()) {
            env.report(Problem.of(var.name(), "cannot read " + p,
                    "pgBackRest verifies the " + service + " server's certificate against this CA file",
                    "mount the CA certificate read-only: docker run -v ./ca.crt:" + p + ":ro ..."));
        } else if (!content.get().contains("BEGIN CERTIFICATE")) {
            env.report(Problem.of(var.name(), p + " does not contain a PEM certificate",
                    "pgBackRest expects a PEM file (-----BEGIN CERTIFICATE-----)",
                    "openssl x509 -in ca.der -inform der -out ca.crt   # convert, then mount ca.crt"));
        }
        return Optional.of(p);
    }

    private Config.Ssl ssl() {
        Path dir = vars.path(PGCTL_SSL_DIR);
        List<String> hosts = new ArrayList<>();
        for (String h : vars.optional(PGCTL_SSL_HOSTNAMES).orElse("").split("[,\\s]+")) {
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
        String min = vars.choice(PGCTL_SSL_MIN_PROTOCOL, p -> Problem.of("PGCTL_SSL_MIN_PROTOCOL",
                "'" + p + "' is not TLSv1.2 or TLSv1.3", "older protocols are not safe", "PGCTL_SSL_MIN_PROTOCOL=TLSv1.2"));
        return new Config.Ssl(dir, List.copyOf(hosts), min);
    }

    private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private Config.Replication replication(Role role, Postgres postgres) {
        String user = vars.text(PGCTL_REPLICATION_USER);
        if (!ROLE_NAME.matcher(user).matches()) {
            env.report(Problem.of("PGCTL_REPLICATION_USER", "'" + user + "' is not a plain role name",
                    "pgctl creates this role on the primary; use lower-case letters, digits and underscores",
                    "PGCTL_REPLICATION_USER=replicator"));
        } else if (user.equals(postgres.superuser())) {
            env.report(Problem.of("PGCTL_REPLICATION_USER", "is the superuser '" + user + "'",
                    "replicas should connect with a role that can replicate and nothing else",
                    "PGCTL_REPLICATION_USER=replicator"));
        }
        Optional<Secret> password = vars.secret(PGCTL_REPLICATION_PASSWORD);
        Optional<String> slot = vars.optional(PGCTL_REPLICATION_SLOT);
        if (slot.isPresent() && !ROLE_NAME.matcher(slot.get()).matches()) {
            env.report(Problem.of("PGCTL_REPLICATION_SLOT", "'" + slot.get() + "' is not a valid slot name",
                    "slot names are lower-case letters, digits and underscores, at most 63",
                    "PGCTL_REPLICATION_SLOT=replica_1"));
        }
        Optional<String> host = vars.optional(PGCTL_PRIMARY_HOST);
        if (host.isPresent() && !HOST.matcher(host.get()).matches() && !host.get().matches("[0-9a-fA-F:.]+")) {
            env.report(Problem.of("PGCTL_PRIMARY_HOST", "'" + host.get() + "' is not a host name or IP address",
                    "the replica connects to the primary there", "PGCTL_PRIMARY_HOST=db-primary"));
        }
        int port = vars.integer(PGCTL_PRIMARY_PORT);
        String sslMode = vars.choice(PGCTL_PRIMARY_SSLMODE, m -> Problem.of("PGCTL_PRIMARY_SSLMODE",
                "'" + m + "' is not require, verify-ca or verify-full",
                "replication always runs over SSL; the mode says how much of the primary's certificate is checked",
                "PGCTL_PRIMARY_SSLMODE=require"));
        Optional<Path> rootCert = vars.optional(PGCTL_PRIMARY_SSLROOTCERT).map(Path::of);
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
        int wait = vars.integer(PGCTL_PRIMARY_WAIT_TIMEOUT);
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

    private RestorePolicy restorePolicy() {
        String v = vars.choice(PGCTL_RESTORE_ON_EMPTY, p -> Problem.of("PGCTL_RESTORE_ON_EMPTY",
                "'" + p + "' is not a restore policy",
                "it decides what an empty data directory becomes: auto (restore if there is a backup), "
                        + "require (restore or refuse to start), never (always a new cluster)",
                "PGCTL_RESTORE_ON_EMPTY=auto"));
        return PGCTL_RESTORE_ON_EMPTY.allows(v) ? RestorePolicy.valueOf(v.toUpperCase(Locale.ROOT)) : RestorePolicy.AUTO;
    }

    private String required(Variable var, String example, String why) {
        Optional<String> v = vars.optional(var);
        if (v.isEmpty()) {
            if (env.raw(var.name() + "_FILE").isEmpty()) {
                missing(var.name(), example, why);
            }
            return "";
        }
        return v.get();
    }

    private void missing(String name, String example, String why) {
        env.report(Problem.of(name, "is not set", why + "; an S3 repository is configured (PGBACKREST_REPO1_S3_*)", example));
    }

    /**
     * A secret that goes into pgbackrest.conf: pgBackRest drops white space at either end of a value
     * there (it has no quoting), so such a secret would silently become another one.
     */
    Optional<Secret> iniSecret(Variable var) {
        String name = var.name();
        Optional<Secret> s = vars.secret(var);
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
