package dev.pgctl.replica;

import dev.pgctl.config.Config;

/** The application_name a replica streams under: how its primary lists it (pg_stat_replication). */
public final class ApplicationName {
    private ApplicationName() {
    }

    /** For this container, from its HOSTNAME. */
    public static String of(Config c) {
        return of(c, System.getenv().getOrDefault("HOSTNAME", ""));
    }

    /**
     * The slot name, else the container's host name when it is a plain one (it goes into
     * primary_conninfo in the PostgreSQL include, and HOSTNAME can be overridden with -e), else "replica".
     */
    public static String of(Config c, String hostname) {
        return c.replication().slot().orElseGet(() ->
                hostname.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,62})") ? hostname : "replica");
    }
}
