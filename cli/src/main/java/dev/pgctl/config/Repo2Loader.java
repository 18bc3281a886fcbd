package dev.pgctl.config;

import static dev.pgctl.config.Variable.*;

import dev.pgctl.config.Config.Repo2;
import dev.pgctl.problem.Problem;
import dev.pgctl.text.SafeText;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the second repository (pgBackRest's repo2: README "Second repository") for {@link ConfigLoader}: its type
 * (s3, azure or posix), the options of that type, and its own path, retention and encryption. Problems are
 * reported through the {@link Env} like every other one, naming the variable, why, and the fix.
 */
final class Repo2Loader {
    /** Azure storage account names: 3 to 24 lower-case letters and digits. */
    static final Pattern AZURE_ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");
    /** Azure container names: 3 to 63 lower-case letters, digits and single hyphens, not at either end. */
    static final Pattern AZURE_CONTAINER = Pattern.compile("(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

    private static final String PREFIX = "PGBACKREST_REPO2_";

    private final Env env;
    private final Vars vars;
    private final ConfigLoader loader;

    Repo2Loader(Env env, Vars vars, ConfigLoader loader) {
        this.env = env;
        this.vars = vars;
        this.loader = loader;
    }

    /**
     * The second repository, when PGBACKREST_REPO2_TYPE or any other PGBACKREST_REPO2_* variable is set.
     *
     * @param repo1 whether the first repository is configured (a second one without it is refused)
     */
    Optional<Repo2> load(boolean repo1, Path pgdata) {
        boolean anySet = env.withPrefix(PREFIX).entrySet().stream().anyMatch(e -> !e.getValue().isBlank());
        if (!anySet) {
            return Optional.empty();
        }
        if (vars.optional(PGBACKREST_REPO2_TYPE).isEmpty()) {
            String some = env.withPrefix(PREFIX).keySet().iterator().next();
            env.report(Problem.of("PGBACKREST_REPO2_TYPE", "is not set, but " + some + " is",
                    "the type says which kind of second repository the other PGBACKREST_REPO2_* variables describe",
                    "PGBACKREST_REPO2_TYPE=s3", "PGBACKREST_REPO2_TYPE=azure", "PGBACKREST_REPO2_TYPE=posix   # a mounted volume",
                    "or remove the PGBACKREST_REPO2_* variables"));
            return Optional.empty();
        }
        String type = vars.choice(PGBACKREST_REPO2_TYPE, t -> Problem.of("PGBACKREST_REPO2_TYPE",
                "repository type '" + t + "' is not supported by this image",
                "pgctl drives a second repository on S3, on Azure blob storage, or on a mounted volume",
                "PGBACKREST_REPO2_TYPE=s3", "PGBACKREST_REPO2_TYPE=azure", "PGBACKREST_REPO2_TYPE=posix"));
        if (!repo1) {
            env.report(Problem.of("PGBACKREST_REPO2_TYPE", "is set, but there is no first repository",
                    "the second repository is a second copy beside the first (S3, PGBACKREST_REPO1_*), which status, "
                            + "backups and restores start from",
                    "set PGBACKREST_REPO1_S3_BUCKET, PGBACKREST_REPO1_S3_ENDPOINT, PGBACKREST_REPO1_S3_KEY and "
                            + "PGBACKREST_REPO1_S3_KEY_SECRET", "or remove the PGBACKREST_REPO2_* variables"));
        }
        foreignOptions(type);
        Optional<Repo2.Storage> storage = switch (type) {
            case "s3" -> Optional.of(s3());
            case "azure" -> azure();
            case "posix" -> Optional.of(new Repo2.Posix());
            default -> Optional.empty();
        };
        String path = path(type, pgdata);
        int retentionFull = vars.integer(PGBACKREST_REPO2_RETENTION_FULL);
        Optional<Integer> retentionDiff = vars.optionalInteger(PGBACKREST_REPO2_RETENTION_DIFF, "7");
        Optional<Secret> cipherPass = cipher();
        boolean bundle = vars.bool(PGBACKREST_REPO2_BUNDLE);
        boolean block = vars.bool(PGBACKREST_REPO2_BLOCK);
        if (block && !bundle) {
            env.report(Problem.of("PGBACKREST_REPO2_BLOCK", "is y, but PGBACKREST_REPO2_BUNDLE is n",
                    "pgBackRest's block incremental needs bundling", "PGBACKREST_REPO2_BLOCK=n", "or PGBACKREST_REPO2_BUNDLE=y"));
        }
        Config.Schedules schedules = new Config.Schedules(vars.schedule(PGCTL_BACKUP_SCHEDULE_REPO2_FULL),
                vars.schedule(PGCTL_BACKUP_SCHEDULE_REPO2_DIFF), vars.schedule(PGCTL_BACKUP_SCHEDULE_REPO2_INCR));
        String from = vars.choice(PGCTL_RESTORE_REPO, v -> Problem.of("PGCTL_RESTORE_REPO", "'" + v + "' is not auto, 1 or 2",
                "it says which repository an empty volume restores from",
                "PGCTL_RESTORE_REPO=auto   # the newest backup of the repositories that can be read",
                "PGCTL_RESTORE_REPO=2   # only the second repository"));
        Optional<Integer> restoreFrom = from.equals("1") || from.equals("2") ? Optional.of(Integer.parseInt(from))
                : Optional.empty();
        return storage.map(s -> new Repo2(s, path, retentionFull, retentionDiff, cipherPass, bundle, block, schedules,
                restoreFrom));
    }

    /** A variable of another repository type is refused: it would be ignored, and the user meant something by it. */
    private void foreignOptions(String type) {
        for (Variable v : Variable.values()) {
            if (v.section() != Section.REPO2 || !v.name().startsWith(PREFIX) || vars.optional(v).isEmpty()
                    && env.raw(v.name() + "_FILE").isEmpty()) {
                continue;
            }
            String rest = v.name().substring(PREFIX.length());
            boolean foreign = rest.startsWith("S3_") && !type.equals("s3") || rest.startsWith("AZURE_") && !type.equals("azure")
                    || rest.startsWith("STORAGE_") && type.equals("posix");
            if (foreign) {
                env.report(Problem.of(v.name(), "is set, but PGBACKREST_REPO2_TYPE=" + type,
                        "it belongs to another type of repository and would be ignored",
                        "remove " + v.name(), "or set PGBACKREST_REPO2_TYPE to the type it belongs to"));
            }
        }
    }

    private Repo2.S3 s3() {
        String bucket = required(PGBACKREST_REPO2_S3_BUCKET, "PGBACKREST_REPO2_S3_BUCKET=my-backups-eu-central-1",
                "the S3 bucket of the second repository", "s3");
        if (!bucket.isEmpty() && !ConfigLoader.BUCKET.matcher(bucket).matches()) {
            env.report(Problem.of("PGBACKREST_REPO2_S3_BUCKET", "'" + bucket + "' is not a valid bucket name",
                    "S3 bucket names are 3 to 63 lower-case letters, digits, dots and hyphens",
                    "PGBACKREST_REPO2_S3_BUCKET=my-backups-eu-central-1"));
        }
        String endpoint = loader.hostName(PGBACKREST_REPO2_S3_ENDPOINT,
                required(PGBACKREST_REPO2_S3_ENDPOINT, "PGBACKREST_REPO2_S3_ENDPOINT=s3.eu-central-1.amazonaws.com",
                        "pgBackRest needs the host name of the S3 service", "s3"),
                PGBACKREST_REPO2_STORAGE_PORT, PGBACKREST_REPO2_PATH, "S3", "s3.example.com");
        String region = vars.text(PGBACKREST_REPO2_S3_REGION);
        if (!ConfigLoader.REGION.matcher(region).matches()) {
            env.report(Problem.of("PGBACKREST_REPO2_S3_REGION", "'" + region + "' is not a region name",
                    "pgBackRest signs every S3 request for this region; region names are letters, digits, _ . and -",
                    "PGBACKREST_REPO2_S3_REGION=eu-central-1"));
        }
        Optional<Secret> key = loader.iniSecret(PGBACKREST_REPO2_S3_KEY);
        Optional<Secret> keySecret = loader.iniSecret(PGBACKREST_REPO2_S3_KEY_SECRET);
        String keyType = vars.choice(PGBACKREST_REPO2_S3_KEY_TYPE, t -> Problem.of("PGBACKREST_REPO2_S3_KEY_TYPE",
                "'" + t + "' is not a key type",
                "pgBackRest knows shared (access key + secret), auto (instance role) and web-id",
                "PGBACKREST_REPO2_S3_KEY_TYPE=shared"));
        if (keyType.equals("shared")) {
            if (key.isEmpty()) {
                missing("PGBACKREST_REPO2_S3_KEY", "PGBACKREST_REPO2_S3_KEY=<access key id>",
                        "pgBackRest signs every S3 request with this access key", "s3");
            }
            if (keySecret.isEmpty()) {
                missing("PGBACKREST_REPO2_S3_KEY_SECRET", "PGBACKREST_REPO2_S3_KEY_SECRET_FILE=/run/secrets/s3-secret-2",
                        "pgBackRest signs every S3 request with this secret key", "s3");
            }
        }
        String uriStyle = vars.choice(PGBACKREST_REPO2_S3_URI_STYLE, s -> Problem.of("PGBACKREST_REPO2_S3_URI_STYLE",
                "'" + s + "' is not a URI style",
                "S3 addresses a bucket either as a host name (AWS) or in the path (most S3-compatible servers)",
                "PGBACKREST_REPO2_S3_URI_STYLE=host", "PGBACKREST_REPO2_S3_URI_STYLE=path"));
        return new Repo2.S3(bucket, endpoint, region, keyType, key, keySecret, uriStyle,
                vars.optionalInteger(PGBACKREST_REPO2_STORAGE_PORT, "443"), vars.bool(PGBACKREST_REPO2_STORAGE_VERIFY_TLS),
                loader.caFile(PGBACKREST_REPO2_STORAGE_CA_FILE, "S3"));
    }

    private Optional<Repo2.Storage> azure() {
        String account = required(PGBACKREST_REPO2_AZURE_ACCOUNT, "PGBACKREST_REPO2_AZURE_ACCOUNT=mybackups",
                "pgBackRest signs every request for this storage account", "azure");
        if (!account.isEmpty() && !AZURE_ACCOUNT.matcher(account).matches()) {
            env.report(Problem.of("PGBACKREST_REPO2_AZURE_ACCOUNT", "'" + account + "' is not a storage account name",
                    "Azure storage account names are 3 to 24 lower-case letters and digits",
                    "PGBACKREST_REPO2_AZURE_ACCOUNT=mybackups"));
        }
        String container = required(PGBACKREST_REPO2_AZURE_CONTAINER, "PGBACKREST_REPO2_AZURE_CONTAINER=pg-backups",
                "the blob container that holds the second repository (pgBackRest does not create it)", "azure");
        if (!container.isEmpty() && !AZURE_CONTAINER.matcher(container).matches()) {
            env.report(Problem.of("PGBACKREST_REPO2_AZURE_CONTAINER", "'" + container + "' is not a container name",
                    "Azure container names are 3 to 63 lower-case letters, digits and single hyphens, starting and "
                            + "ending with a letter or digit",
                    "PGBACKREST_REPO2_AZURE_CONTAINER=pg-backups"));
        }
        String keyType = vars.choice(PGBACKREST_REPO2_AZURE_KEY_TYPE, t -> Problem.of("PGBACKREST_REPO2_AZURE_KEY_TYPE",
                "'" + t + "' is not an Azure key type",
                "pgBackRest signs with the account's shared key (shared), sends a shared access signature (sas), or "
                        + "uses the machine's Azure managed identity (auto)",
                "PGBACKREST_REPO2_AZURE_KEY_TYPE=shared", "PGBACKREST_REPO2_AZURE_KEY_TYPE=sas",
                "PGBACKREST_REPO2_AZURE_KEY_TYPE=auto"));
        Optional<Secret> key = loader.iniSecret(PGBACKREST_REPO2_AZURE_KEY);
        if (keyType.equals("auto")) {
            if (key.isPresent() || env.raw("PGBACKREST_REPO2_AZURE_KEY_FILE").isPresent()) {
                env.report(Problem.of(env.raw("PGBACKREST_REPO2_AZURE_KEY_FILE").isPresent() ? "PGBACKREST_REPO2_AZURE_KEY_FILE"
                        : "PGBACKREST_REPO2_AZURE_KEY", "is set, but PGBACKREST_REPO2_AZURE_KEY_TYPE=auto",
                        "with auto pgBackRest authorizes with the machine's managed identity and ignores the key",
                        "remove PGBACKREST_REPO2_AZURE_KEY (and its _FILE)",
                        "or PGBACKREST_REPO2_AZURE_KEY_TYPE=shared (or sas) to use it"));
            }
        } else if (key.isEmpty()) {
            missing("PGBACKREST_REPO2_AZURE_KEY", "PGBACKREST_REPO2_AZURE_KEY_FILE=/run/secrets/azure-key",
                    keyType.equals("sas") ? "pgBackRest sends this shared access signature with every request"
                            : "pgBackRest signs every request with the account's shared key", "azure");
        } else {
            keyDefect(keyType, key.get().reveal()).ifPresent(defect -> {
                String subject = env.raw("PGBACKREST_REPO2_AZURE_KEY_FILE").isPresent() ? "PGBACKREST_REPO2_AZURE_KEY_FILE"
                        : "PGBACKREST_REPO2_AZURE_KEY";
                env.report(Problem.of(subject, defect + " (a secret: its value is not shown)",
                        "PGBACKREST_REPO2_AZURE_KEY_TYPE=" + keyType + " expects "
                                + (keyType.equals("sas") ? "a SAS token" : "the account's base64 shared key"),
                        keyType.equals("sas") ? "the token from the portal without its leading '?': sv=...&sig=..."
                                : "az storage account keys list --account-name " + (account.isEmpty() ? "<account>" : account)
                                        + "   # the value of key1",
                        keyType.equals("sas") ? "or PGBACKREST_REPO2_AZURE_KEY_TYPE=shared with the account key"
                                : "or PGBACKREST_REPO2_AZURE_KEY_TYPE=sas with a SAS token"));
            });
        }
        String endpoint = loader.hostName(PGBACKREST_REPO2_AZURE_ENDPOINT, vars.text(PGBACKREST_REPO2_AZURE_ENDPOINT),
                PGBACKREST_REPO2_STORAGE_PORT, PGBACKREST_REPO2_PATH, "Azure", "blob.core.windows.net");
        String uriStyle = vars.choice(PGBACKREST_REPO2_AZURE_URI_STYLE, s -> Problem.of("PGBACKREST_REPO2_AZURE_URI_STYLE",
                "'" + s + "' is not a URI style",
                "Azure addresses an account as a host name (<account>.blob.core.windows.net); emulators such as Azurite "
                        + "put it in the path",
                "PGBACKREST_REPO2_AZURE_URI_STYLE=host", "PGBACKREST_REPO2_AZURE_URI_STYLE=path"));
        Optional<Integer> port = vars.optionalInteger(PGBACKREST_REPO2_STORAGE_PORT, "443");
        boolean verifyTls = vars.bool(PGBACKREST_REPO2_STORAGE_VERIFY_TLS);
        Optional<Path> caFile = loader.caFile(PGBACKREST_REPO2_STORAGE_CA_FILE, "Azure");
        if (!keyType.equals("auto") && key.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Repo2.Azure(account, container, keyType, keyType.equals("auto") ? Optional.empty() : key,
                endpoint, uriStyle, port, verifyTls, caFile));
    }

    /** What is wrong with an Azure key of that type, if anything (pure; the message never holds the value). */
    static Optional<String> keyDefect(String keyType, String key) {
        if (keyType.equals("sas")) {
            if (key.startsWith("?")) {
                return Optional.of("starts with '?'");
            }
            if (!key.contains("sig=")) {
                return Optional.of("is not a SAS token: it has no sig= parameter");
            }
            return Optional.empty();
        }
        if (!keyType.equals("shared")) {
            return Optional.empty();
        }
        try {
            if (Base64.getDecoder().decode(key).length == 0) {
                return Optional.of("is not a shared key: it decodes to nothing");
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(key.contains("sig=") ? "looks like a SAS token, not a shared key"
                    : "is not a shared key: it is not base64");
        }
    }

    /** /pgbackrest in a bucket or container; for posix the (required) directory of the volume, outside PGDATA. */
    private String path(String type, Path pgdata) {
        Optional<String> set = vars.optional(PGBACKREST_REPO2_PATH);
        if (!type.equals("posix")) {
            String path = set.orElse("/pgbackrest");
            if (!path.startsWith("/")) {
                env.report(Problem.of("PGBACKREST_REPO2_PATH", "'" + path + "' is not an absolute path",
                        "the repository path inside the " + (type.equals("azure") ? "container" : "bucket")
                                + " must start with /",
                        "PGBACKREST_REPO2_PATH=/" + path));
            }
            return path;
        }
        if (set.isEmpty()) {
            missing("PGBACKREST_REPO2_PATH", "PGBACKREST_REPO2_PATH=/var/lib/pgbackrest-repo2   # with -v backup-volume:"
                    + "/var/lib/pgbackrest-repo2", "a posix repository is a directory on a mounted volume (NFS or any other "
                    + "file system), kept apart from the database's volume", "posix");
            return "";
        }
        String path = set.get();
        Optional<String> defect = SafeText.pathDefect(path);
        if (defect.isPresent()) {
            env.report(Problem.of("PGBACKREST_REPO2_PATH", "'" + path + "' " + defect.get(),
                    "pgctl writes it unquoted into pgbackrest.conf", "PGBACKREST_REPO2_PATH=/var/lib/pgbackrest-repo2"));
            return path;
        }
        Path p = Path.of(path).normalize();
        Path data = pgdata.toAbsolutePath().normalize();
        if (p.startsWith(data) || data.startsWith(p)) {
            env.report(Problem.of("PGBACKREST_REPO2_PATH", p + " overlaps PGDATA (" + data + ")",
                    "backups inside the data directory (or the data directory inside the repository) are lost with it, "
                            + "and a restore would empty it",
                    "PGBACKREST_REPO2_PATH=/var/lib/pgbackrest-repo2   # on its own volume"));
        }
        return p.toString();
    }

    private Optional<Secret> cipher() {
        Optional<Secret> cipherPass = loader.iniSecret(PGBACKREST_REPO2_CIPHER_PASS);
        String cipherType = vars.optional(PGBACKREST_REPO2_CIPHER_TYPE).map(t -> t.toLowerCase(Locale.ROOT))
                .orElse(cipherPass.isPresent() ? "aes-256-cbc" : "none");
        if (!PGBACKREST_REPO2_CIPHER_TYPE.allows(cipherType)) {
            env.report(Problem.of("PGBACKREST_REPO2_CIPHER_TYPE", "'" + cipherType + "' is not a cipher type",
                    "pgBackRest knows none and aes-256-cbc", "PGBACKREST_REPO2_CIPHER_TYPE=aes-256-cbc"));
        } else if (cipherType.equals("aes-256-cbc") && cipherPass.isEmpty()) {
            env.report(Problem.of("PGBACKREST_REPO2_CIPHER_PASS", "is not set, and PGBACKREST_REPO2_CIPHER_TYPE=aes-256-cbc",
                    "pgBackRest encrypts the second repository with this passphrase",
                    "PGBACKREST_REPO2_CIPHER_PASS_FILE=/run/secrets/backup-passphrase-2"));
        } else if (cipherType.equals("none") && cipherPass.isPresent()) {
            env.report(Problem.of("PGBACKREST_REPO2_CIPHER_TYPE", "is 'none' but a cipher passphrase is set",
                    "the passphrase would be ignored and the second repository left unencrypted",
                    "PGBACKREST_REPO2_CIPHER_TYPE=aes-256-cbc (or remove PGBACKREST_REPO2_CIPHER_PASS)"));
        }
        return cipherType.equals("aes-256-cbc") ? cipherPass : Optional.empty();
    }

    private String required(Variable var, String example, String why, String type) {
        Optional<String> v = vars.optional(var);
        if (v.isEmpty()) {
            if (env.raw(var.name() + "_FILE").isEmpty()) {
                missing(var.name(), example, why, type);
            }
            return "";
        }
        return v.get();
    }

    private void missing(String name, String example, String why, String type) {
        env.report(Problem.of(name, "is not set", why + "; a second repository is configured (PGBACKREST_REPO2_TYPE="
                + type + ")", example));
    }
}
