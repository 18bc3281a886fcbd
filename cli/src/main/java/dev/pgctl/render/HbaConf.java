package dev.pgctl.render;

import dev.pgctl.config.Config;

/**
 * The pg_hba.conf PostgreSQL reads (hba_file): TCP connections without SSL
 * are rejected before any other rule, then the cluster's own pg_hba.conf
 * applies (so rules a user added there keep working, for SSL connections and
 * the local socket), and any SSL connection no rule matched must pass
 * scram-sha-256.
 */
public final class HbaConf {
    private HbaConf() {
    }

    public static String render(Config c) {
        return "# Managed by pgctl: rewritten at every container start. Add your own rules to\n"
                + "# " + c.postgres().pgdata().resolve("pg_hba.conf") + "; they apply after the first rule below.\n"
                + "#\n"
                + "# TCP connections without SSL are refused, whoever they are.\n"
                + "hostnossl all all all reject\n"
                + "# The cluster's own rules (the local socket, and SSL connections).\n"
                + "include_if_exists "
                + SafeValue.hbaToken("include_if_exists", c.postgres().pgdata().resolve("pg_hba.conf").toString()) + "\n"
                + "# SSL connections that no rule above matched.\n"
                + "hostssl all all all scram-sha-256\n"
                + (c.replication().managed()
                        ? "# Streaming replicas (PGCTL_REPLICATION_USER), over SSL only.\n"
                                + "hostssl replication " + SafeValue.hbaToken("the replication user", c.replication().user())
                                + " all scram-sha-256\n"
                        : "");
    }
}
