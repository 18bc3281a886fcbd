package dev.pgctl.render;

import dev.pgctl.config.Config;

/**
 * The replication connection of a replica: the libpq connection string that pg_basebackup and
 * primary_conninfo use, and the password file it names. The password never goes into PGDATA
 * (pg_basebackup -R would write it into postgresql.auto.conf): it lives in a 0600 file outside
 * it, rewritten from the environment at every start.
 */
public final class Replication {
    private Replication() {
    }

    /** The connection string; application_name lets the primary tell its replicas apart. */
    public static String conninfo(Config c, String applicationName) {
        Config.Replication r = c.replication();
        StringBuilder sb = new StringBuilder();
        kv(sb, "host", r.primaryHost().orElse(""));
        kv(sb, "port", Integer.toString(r.primaryPort()));
        kv(sb, "user", r.user());
        kv(sb, "passfile", c.paths().replicationPassfile().toString());
        kv(sb, "sslmode", r.sslMode());
        r.sslRootCert().ifPresent(p -> kv(sb, "sslrootcert", p.toString()));
        if (!applicationName.isEmpty()) {
            kv(sb, "application_name", applicationName);
        }
        kv(sb, "connect_timeout", "10");
        return sb.toString().strip();
    }

    /** A libpq password file with one line that matches any host, port and database for the user. */
    public static String passfile(Config c) {
        Config.Replication r = c.replication();
        return "*:*:*:" + escape(SafeValue.line("replication.pgpass", "the user", r.user())) + ":"
                + escape(SafeValue.line("replication.pgpass", "the password", r.password().map(s -> s.reveal()).orElse("")))
                + "\n";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace(":", "\\:");
    }

    private static void kv(StringBuilder sb, String k, String v) {
        SafeValue.line("primary_conninfo", k, v);
        sb.append(k).append('=');
        if (v.isEmpty() || v.matches(".*[\\s'\\\\].*")) {
            sb.append('\'').append(v.replace("\\", "\\\\").replace("'", "\\'")).append('\'');
        } else {
            sb.append(v);
        }
        sb.append(' ');
    }
}
