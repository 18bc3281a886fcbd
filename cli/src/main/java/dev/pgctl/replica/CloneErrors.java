package dev.pgctl.replica;

import java.util.Locale;

/** What a failed pg_basebackup (or replication login) means for the next step. Pure. */
public final class CloneErrors {
    public enum Kind {
        /** the primary refused the login: wrong password, no such role, or no pg_hba rule */
        AUTH,
        /** the replication slot to create exists already: use it */
        SLOT_EXISTS,
        /** the primary is not there (yet): wait and retry */
        UNREACHABLE,
        /** the primary is starting or shutting down: wait and retry */
        NOT_READY,
        /** anything else: retry until the deadline */
        OTHER
    }

    private CloneErrors() {
    }

    public static Kind classify(String stderr) {
        String s = stderr.toLowerCase(Locale.ROOT);
        if (s.contains("replication slot") && s.contains("already exists")) {
            return Kind.SLOT_EXISTS;
        }
        if (s.contains("password authentication failed") || s.contains("no pg_hba.conf entry")
                || s.contains("must have replication") || s.contains("permission denied to start wal sender")
                || s.contains("no password supplied") || s.contains("is not permitted to log in")) {
            return Kind.AUTH;
        }
        if (s.contains("the database system is starting up") || s.contains("the database system is shutting down")
                || s.contains("the database system is not yet accepting connections")) {
            return Kind.NOT_READY;
        }
        if (s.contains("could not translate host name") || s.contains("connection refused")
                || s.contains("no route to host") || s.contains("timeout expired") || s.contains("could not connect")
                || s.contains("network is unreachable")) {
            return Kind.UNREACHABLE;
        }
        return Kind.OTHER;
    }

    /** The last non-empty line of pg_basebackup's output: the error to show. */
    public static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].strip();
            if (!l.isEmpty() && !l.startsWith("pg_basebackup: removing") && !l.startsWith("pg_basebackup: changes to tablespace")) {
                return l;
            }
        }
        return "no output";
    }
}
