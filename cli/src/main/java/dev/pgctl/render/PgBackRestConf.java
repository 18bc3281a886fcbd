package dev.pgctl.render;

import dev.pgctl.config.Config;
import dev.pgctl.config.Config.Repo;
import dev.pgctl.config.Config.Repo2;
import java.nio.file.Path;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders pgbackrest.conf from the Config. The file holds the repository
 * secrets, so it is written mode 0600 and owned by postgres; secrets are
 * never passed on a command line.
 */
public final class PgBackRestConf {
    /** pgBackRest's highest repo-retention-full: what a calendar policy (PGCTL_RETENTION) renders, so count expires nothing. */
    public static final int CALENDAR_RETENTION_FULL = 9_999_999;

    private PgBackRestConf() {
    }

    public static String render(Config c) {
        Map<String, String> global = new LinkedHashMap<>();
        c.repo().ifPresent(r -> repo(r, global));
        c.repo2().ifPresent(r -> repo2(r, global));
        global.put("archive-async", "y");
        global.put("spool-path", c.paths().spoolPath().toString());
        global.put("start-fast", "y");
        global.put("log-level-file", "off");
        global.put("log-level-console", "warn");
        global.put("log-level-stderr", "warn");

        StringBuilder sb = new StringBuilder();
        sb.append("# Written by pgctl at every container start from the environment.\n");
        sb.append("# Do not edit: change the PGBACKREST_* variables and restart the container.\n");
        section(sb, "global", global);
        Map<String, String> loud = Map.of("log-level-console", "info");
        for (String command : new String[] {"backup", "restore", "stanza-create", "stanza-upgrade", "expire", "check"}) {
            Map<String, String> opts = new LinkedHashMap<>(loud);
            if (command.equals("backup")) {
                // after a bulk load the start segment can take longer than pgBackRest's 60 s to reach S3
                opts.put("archive-timeout", "300");
            }
            section(sb, "global:" + command, opts);
        }
        // asynchronous archive-push and archive-get in parallel: WAL bursts drain faster, restores replay faster
        Map<String, String> parallel = Map.of("process-max", "2");
        Map<String, String> push = new LinkedHashMap<>(parallel);
        // PGCTL_WAL_BACKLOG_MAX: once this much WAL waits, pgBackRest reports it archived without sending it, so
        // that pg_wal cannot fill up; measured with pgBackRest 2.60 and S3 stopped (README, WAL guard)
        c.monitoring().walBacklogMax().ifPresent(mib -> {
            push.put("archive-push-queue-max", mib + "MB");
            // each drop also as a log line in the spool, where pgctl monitor reads it: the status files that say
            // so live only seconds (WalGapStore.loggedDrops)
            push.put("log-level-file", "warn");
            push.put("log-path", c.paths().spoolPath().toString());
        });
        section(sb, "global:archive-push", push);
        section(sb, "global:archive-get", parallel);
        Map<String, String> stanza = new LinkedHashMap<>();
        stanza.put("pg1-path", c.postgres().pgdata().toString());
        stanza.put("pg1-port", Integer.toString(c.postgres().port()));
        stanza.put("pg1-socket-path", c.postgres().socketDir().toString());
        stanza.put("pg1-user", c.postgres().superuser());
        section(sb, c.stanza(), stanza);
        return sb.toString();
    }

    private static void repo(Repo r, Map<String, String> m) {
        m.put("repo1-type", "s3");
        m.put("repo1-s3-bucket", r.bucket());
        m.put("repo1-s3-endpoint", r.endpoint());
        m.put("repo1-s3-region", r.region());
        m.put("repo1-s3-uri-style", r.uriStyle());
        m.put("repo1-s3-key-type", r.keyType());
        r.key().ifPresent(k -> m.put("repo1-s3-key", k.reveal()));
        r.keySecret().ifPresent(k -> m.put("repo1-s3-key-secret", k.reveal()));
        m.put("repo1-path", r.path());
        r.port().ifPresent(p -> m.put("repo1-storage-port", Integer.toString(p)));
        m.put("repo1-storage-verify-tls", r.verifyTls() ? "y" : "n");
        r.caFile().ifPresent(p -> m.put("repo1-storage-ca-file", p.toString()));
        m.put("repo1-retention-full-type", "count");
        if (r.calendar().isPresent()) {
            // PGCTL_RETENTION decides which backups go (pgctl prune, pgbackrest expire --set): the count is set as
            // high as pgBackRest allows so that its own expire, after each backup, never removes one the policy
            // keeps; the WAL of the newest RETENTION_FULL full backups is kept (point-in-time recovery), older kept
            // backups keep the WAL that makes them consistent and restore to their own end
            m.put("repo1-retention-full", Integer.toString(CALENDAR_RETENTION_FULL));
            m.put("repo1-retention-archive-type", "full");
            m.put("repo1-retention-archive", Integer.toString(r.retentionFull()));
        } else {
            m.put("repo1-retention-full", Integer.toString(r.retentionFull()));
        }
        r.retentionDiff().ifPresent(d -> m.put("repo1-retention-diff", Integer.toString(d)));
        if (r.cipherPass().isPresent()) {
            m.put("repo1-cipher-type", "aes-256-cbc");
            m.put("repo1-cipher-pass", r.cipherPass().get().reveal());
        }
        m.put("compress-type", r.compressType());
        r.compressLevel().ifPresent(l -> m.put("compress-level", Integer.toString(l)));
        m.put("process-max", Integer.toString(r.processMax()));
        // bundling packs small files into larger objects (fewer S3 requests); block incremental stores only
        // the changed blocks of a file in diff and incr backups
        m.put("repo1-bundle", r.bundle() ? "y" : "n");
        m.put("repo1-block", r.block() ? "y" : "n");
    }

    /**
     * The second repository: its options under repo2-*, beside repo1's in [global], so that archive-push writes every
     * WAL segment to both and backup, expire, info and restore see both (each with its own retention and cipher).
     */
    private static void repo2(Repo2 r, Map<String, String> m) {
        m.put("repo2-type", r.storage().type());
        switch (r.storage()) {
            case Repo2.S3 s -> {
                m.put("repo2-s3-bucket", s.bucket());
                m.put("repo2-s3-endpoint", s.endpoint());
                m.put("repo2-s3-region", s.region());
                m.put("repo2-s3-uri-style", s.uriStyle());
                m.put("repo2-s3-key-type", s.keyType());
                s.key().ifPresent(k -> m.put("repo2-s3-key", k.reveal()));
                s.keySecret().ifPresent(k -> m.put("repo2-s3-key-secret", k.reveal()));
                tls(s.port(), s.verifyTls(), s.caFile(), m);
            }
            case Repo2.Azure a -> {
                m.put("repo2-azure-account", a.account());
                m.put("repo2-azure-container", a.container());
                m.put("repo2-azure-key-type", a.keyType());
                a.key().ifPresent(k -> m.put("repo2-azure-key", k.reveal()));
                m.put("repo2-azure-endpoint", a.endpoint());
                m.put("repo2-azure-uri-style", a.uriStyle());
                tls(a.port(), a.verifyTls(), a.caFile(), m);
            }
            case Repo2.Posix p -> {
                // a directory on a mounted volume: repo2-path alone
            }
        }
        m.put("repo2-path", r.path());
        m.put("repo2-retention-full-type", "count");
        m.put("repo2-retention-full", Integer.toString(r.retentionFull()));
        r.retentionDiff().ifPresent(d -> m.put("repo2-retention-diff", Integer.toString(d)));
        if (r.cipherPass().isPresent()) {
            m.put("repo2-cipher-type", "aes-256-cbc");
            m.put("repo2-cipher-pass", r.cipherPass().get().reveal());
        }
        m.put("repo2-bundle", r.bundle() ? "y" : "n");
        m.put("repo2-block", r.block() ? "y" : "n");
    }

    private static void tls(Optional<Integer> port, boolean verify, Optional<Path> caFile, Map<String, String> m) {
        port.ifPresent(p -> m.put("repo2-storage-port", Integer.toString(p)));
        m.put("repo2-storage-verify-tls", verify ? "y" : "n");
        caFile.ifPresent(p -> m.put("repo2-storage-ca-file", p.toString()));
    }

    private static void section(StringBuilder sb, String name, Map<String, String> options) {
        sb.append('\n').append('[').append(SafeValue.ini("a section name (the stanza)", name)).append("]\n");
        options.forEach((k, v) -> sb.append(k).append('=').append(SafeValue.ini(k, v)).append('\n'));
    }
}
