package dev.pgctl.render;

import dev.pgctl.config.Config;
import java.nio.file.Path;

/**
 * Renders the PostgreSQL settings pgctl owns. The file is included from the
 * end of postgresql.conf, so it overrides postgresql.conf, while settings made
 * with ALTER SYSTEM (postgresql.auto.conf) and {@code -c} on the command line
 * still take precedence over it.
 */
public final class PostgresInclude {
    /** The line that postgresql.conf carries to read this file. */
    public static String includeLine(Config c) {
        return "include_if_exists = " + SafeValue.line("postgresql.conf", "include_if_exists",
                quote(c.paths().postgresInclude().toString())) + "\t# pgctl";
    }

    private PostgresInclude() {
    }

    public static String render(Config c) {
        return render(c, true);
    }

    /**
     * With backups pending (a cluster adopted from the official image), archiving is on, so that
     * enabling backups later needs only a reload, but WAL is not shipped anywhere.
     */
    public static String render(Config c, boolean backupsEnabled) {
        return render(c, backupsEnabled, "");
    }

    /**
     * On a replica, also where it follows its primary (used while it is a standby; ignored once promoted).
     * A standby's archive_command never ships anything: backups are taken on the primary, and a promoted
     * replica starts archiving only with {@code pgctl enable-backups}.
     */
    public static String render(Config c, boolean backupsEnabled, String applicationName) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Managed by pgctl: rewritten at every container start from the environment.\n");
        sb.append("# Change the variables instead of this file; ALTER SYSTEM still takes precedence.\n");
        set(sb, "wal_level", "replica");
        set(sb, "archive_mode", "on");
        set(sb, "archive_timeout", Integer.toString(c.archiveTimeoutSeconds()));
        if (backupsEnabled) {
            // pgBackRest in C, asynchronous, straight from the archiver: never a JVM per WAL segment.
            set(sb, "archive_command", quote("pgbackrest --stanza=" + c.stanza() + " archive-push %p"));
        } else if (c.role() == Config.Role.REPLICA) {
            sb.append("# replica: backups are taken on the primary; after a promotion, `pgctl enable-backups` starts them here\n");
            set(sb, "archive_command", quote("/bin/true"));
        } else {
            sb.append("# backups pending: nothing is archived until `pgctl enable-backups`\n");
            set(sb, "archive_command", quote("/bin/true"));
        }
        // SSL always: the server refuses TCP connections without it (see HbaConf).
        Path ssl = c.paths().sslInstalled();
        set(sb, "ssl", "on");
        set(sb, "ssl_cert_file", quote(ssl.resolve("server.crt").toString()));
        set(sb, "ssl_key_file", quote(ssl.resolve("server.key").toString()));
        set(sb, "ssl_min_protocol_version", quote(c.ssl().minProtocol()));
        set(sb, "hba_file", quote(c.paths().hbaFile().toString()));
        if (c.role() == Config.Role.REPLICA) {
            sb.append("# the primary this replica follows (PGCTL_PRIMARY_*, PGCTL_REPLICATION_*)\n");
            set(sb, "primary_conninfo", quote(Replication.conninfo(c, applicationName)));
            c.replication().slot().ifPresent(s -> set(sb, "primary_slot_name", quote(s)));
            set(sb, "hot_standby", "on");
        }
        return sb.toString();
    }

    private static void set(StringBuilder sb, String name, String value) {
        sb.append(name).append(" = ").append(SafeValue.line("the PostgreSQL include", name, value)).append('\n');
    }

    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
