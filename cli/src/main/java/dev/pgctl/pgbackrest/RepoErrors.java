package dev.pgctl.pgbackrest;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a repository error from pgBackRest into the setting most likely to fix it. Pure. */
public final class RepoErrors {
    private RepoErrors() {
    }

    /** The steps of reaching a repository, in the order a request takes them. */
    public enum Stage {
        /** the host name resolves and accepts a connection on the port */
        ENDPOINT,
        /** the TLS handshake, with the certificate verified unless verification is off */
        TLS,
        /** S3 accepts the key and the secret (the request's signature) */
        LOGIN,
        /** the bucket exists and can be listed */
        BUCKET
    }

    /**
     * The step at which a repository error stopped the request; empty when the message does not tell (then
     * every step may have passed: an encrypted repository with another passphrase, a damaged file). Pure; it
     * reads the message as {@link #fixFor} does, so the step and the fix always agree.
     */
    public static Optional<Stage> stage(String error) {
        String e = error.toLowerCase(Locale.ROOT);
        if (e.contains("no space left on device") || e.contains("[28]")) {
            return Optional.empty();
        }
        if (tls(e)) {
            return Optional.of(Stage.TLS);
        }
        if (unresolved(e) || unanswered(e)) {
            return Optional.of(Stage.ENDPOINT);
        }
        if (refused(e)) {
            return Optional.of(Stage.LOGIN);
        }
        if (noBucket(e)) {
            return Optional.of(Stage.BUCKET);
        }
        return Optional.empty();
    }

    private static boolean tls(String e) {
        return e.contains("certificate") || e.contains("cryptoerror") || e.contains("tls");
    }

    private static boolean unresolved(String e) {
        return e.contains("unable to get address") || e.contains("name or service not known");
    }

    private static boolean unanswered(String e) {
        return e.contains("connection refused") || e.contains("hostconnecterror") || e.contains("timeout")
                || e.contains("timed out");
    }

    private static boolean refused(String e) {
        return e.contains("403") || e.contains("accessdenied") || e.contains("signaturedoesnotmatch")
                || e.contains("invalidaccesskeyid") || e.contains("forbidden");
    }

    private static boolean noBucket(String e) {
        return e.contains("nosuchbucket") || e.contains("404");
    }

    private static final Pattern S3_CODE = Pattern.compile("<Code>([A-Za-z]+)</Code>");

    /**
     * One line for a report: the first line of pgBackRest's message (after "ERROR: " when it has it), with the S3
     * error code its response content carries ("... 403 (Forbidden): SignatureDoesNotMatch"). Pure.
     */
    public static String headline(String error) {
        String first = error.strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        int e = first.indexOf("ERROR: ");
        if (e >= 0) {
            first = first.substring(e + "ERROR: ".length()).strip();
        }
        Matcher m = S3_CODE.matcher(error);
        if (m.find() && !first.contains(m.group(1))) {
            first = (first.endsWith(":") ? first : first + ":") + " " + m.group(1);
        }
        return first;
    }

    public static String fixFor(String error) {
        String e = error.toLowerCase(Locale.ROOT);
        if (e.contains("no space left on device") || e.contains("[28]")) {
            return "a disk is full (the archive spool PGBACKREST_SPOOL_PATH, or PGDATA): docker exec <container> pgctl status "
                    + "shows the free space of both; free space there or grow the volume; WAL waits in pg_wal meanwhile";
        }
        if (tls(e)) {
            return "the server's TLS certificate is not trusted: set PGBACKREST_REPO1_STORAGE_CA_FILE to the CA that signed it "
                    + "(mounted read-only), or check PGBACKREST_REPO1_S3_ENDPOINT names the host on the certificate";
        }
        if (unresolved(e)) {
            return "the host name does not resolve: check PGBACKREST_REPO1_S3_ENDPOINT";
        }
        if (unanswered(e)) {
            return "S3 does not answer: check PGBACKREST_REPO1_S3_ENDPOINT and PGBACKREST_REPO1_STORAGE_PORT, "
                    + "and that the S3 service is up; WAL waits in pg_wal until it is back";
        }
        if (refused(e)) {
            return "S3 refused the credentials: check PGBACKREST_REPO1_S3_KEY and PGBACKREST_REPO1_S3_KEY_SECRET "
                    + "(and PGBACKREST_REPO1_S3_REGION)";
        }
        if (noBucket(e)) {
            return "the bucket does not exist: check PGBACKREST_REPO1_S3_BUCKET (and PGBACKREST_REPO1_S3_URI_STYLE=path "
                    + "for most S3-compatible servers)";
        }
        if (e.contains("cipher") || e.contains("decrypt")) {
            return "the repository is encrypted with another passphrase: check PGBACKREST_REPO1_CIPHER_PASS";
        }
        return "check the PGBACKREST_REPO1_* settings; the message above is pgBackRest's";
    }

    /**
     * The fix for an error of repository {@code repo} of pgBackRest type {@code type} (s3, azure or posix): repo1's
     * is {@link #fixFor(String)}; a second repository's names its own PGBACKREST_REPO2_* settings.
     */
    public static String fixFor(String error, int repo, String type) {
        String fix = fixFor(error);
        if (repo == 1) {
            return fix;
        }
        String e = error.toLowerCase(Locale.ROOT);
        String r = "PGBACKREST_REPO" + repo + "_";
        return switch (type) {
            case "azure" -> {
                if (e.contains("403") || e.contains("authenticationfailed") || e.contains("forbidden")) {
                    yield "Azure refused the credentials: check " + r + "AZURE_KEY (and " + r + "AZURE_KEY_TYPE: shared for "
                            + "the account key, sas for a SAS token, which may have expired) and " + r + "AZURE_ACCOUNT";
                }
                if (e.contains("containernotfound") || e.contains("404")) {
                    yield "the container does not exist: create it (pgBackRest does not), or check " + r + "AZURE_CONTAINER";
                }
                yield fix.replace("PGBACKREST_REPO1_S3_ENDPOINT", r + "AZURE_ENDPOINT").replace("PGBACKREST_REPO1_", r)
                        .replace("S3 does not answer", "the blob service does not answer")
                        .replace("the S3 service is up", "the blob service is up");
            }
            case "posix" -> e.contains("permission denied") || e.contains("[13]")
                    ? "postgres cannot write " + r + "PATH: the volume must be mounted there and writable by postgres; "
                            + "pgctl makes the directory postgres' at container start"
                    : e.contains("no such file") || e.contains("[2]") || e.contains("missing")
                            ? "check that the volume is mounted at " + r + "PATH (docker run -v <volume>:<that path>)"
                            : fix.replace("PGBACKREST_REPO1_", r);
            default -> fix.replace("PGBACKREST_REPO1_", r);
        };
    }
}
