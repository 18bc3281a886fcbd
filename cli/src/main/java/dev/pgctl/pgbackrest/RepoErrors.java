package dev.pgctl.pgbackrest;

import java.util.Locale;

/** Turns a repository error from pgBackRest into the setting most likely to fix it. Pure. */
public final class RepoErrors {
    private RepoErrors() {
    }

    public static String fixFor(String error) {
        String e = error.toLowerCase(Locale.ROOT);
        if (e.contains("no space left on device") || e.contains("[28]")) {
            return "a disk is full (the archive spool PGBACKREST_SPOOL_PATH, or PGDATA): docker exec <container> pgctl status "
                    + "shows the free space of both; free space there or grow the volume; WAL waits in pg_wal meanwhile";
        }
        if (e.contains("certificate") || e.contains("cryptoerror") || e.contains("tls")) {
            return "the server's TLS certificate is not trusted: set PGBACKREST_REPO1_STORAGE_CA_FILE to the CA that signed it "
                    + "(mounted read-only), or check PGBACKREST_REPO1_S3_ENDPOINT names the host on the certificate";
        }
        if (e.contains("unable to get address") || e.contains("name or service not known")) {
            return "the host name does not resolve: check PGBACKREST_REPO1_S3_ENDPOINT";
        }
        if (e.contains("connection refused") || e.contains("hostconnecterror") || e.contains("timeout")
                || e.contains("timed out")) {
            return "S3 does not answer: check PGBACKREST_REPO1_S3_ENDPOINT and PGBACKREST_REPO1_STORAGE_PORT, "
                    + "and that the S3 service is up; WAL waits in pg_wal until it is back";
        }
        if (e.contains("403") || e.contains("accessdenied") || e.contains("signaturedoesnotmatch")
                || e.contains("invalidaccesskeyid") || e.contains("forbidden")) {
            return "S3 refused the credentials: check PGBACKREST_REPO1_S3_KEY and PGBACKREST_REPO1_S3_KEY_SECRET "
                    + "(and PGBACKREST_REPO1_S3_REGION)";
        }
        if (e.contains("nosuchbucket") || e.contains("404")) {
            return "the bucket does not exist: check PGBACKREST_REPO1_S3_BUCKET (and PGBACKREST_REPO1_S3_URI_STYLE=path "
                    + "for most S3-compatible servers)";
        }
        if (e.contains("cipher") || e.contains("decrypt")) {
            return "the repository is encrypted with another passphrase: check PGBACKREST_REPO1_CIPHER_PASS";
        }
        return "check the PGBACKREST_REPO1_* settings; the message above is pgBackRest's";
    }
}
