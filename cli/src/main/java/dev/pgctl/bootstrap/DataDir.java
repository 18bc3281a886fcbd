package dev.pgctl.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Looks at PGDATA (read only) and says what it holds. */
public final class DataDir {
    public enum State {
        /** missing or without any entry */
        EMPTY,
        /** a PostgreSQL cluster of this major version */
        CLUSTER,
        /** a cluster whose in-place restore `pgctl restore` requested: restore it before it starts */
        RESTORE_REQUESTED,
        /** pgctl's restore marker is there: a restore was interrupted */
        INTERRUPTED_RESTORE,
        /** pgctl's clone marker is there: a replica's copy of its primary was interrupted */
        INTERRUPTED_CLONE,
        /** PG_VERSION but no global/pg_control: unfinished restore or damaged cluster */
        INCOMPLETE,
        /** a cluster of another major version */
        OTHER_VERSION,
        /** files, but not a cluster */
        NOT_A_CLUSTER
    }

    /** What was found, with the major version when there is one. */
    public record Found(State state, String version) {
    }

    /**
     * What else the data directory of a cluster says; all false for anything but {@link State#CLUSTER}.
     *
     * @param madeWithoutPgctl its postgresql.conf does not include pgctl's settings (the official image made it)
     * @param backupsPending   the backups-pending marker is there: waiting for pgctl enable-backups
     * @param standbySignal    standby.signal is there: PostgreSQL starts it as a standby
     */
    public record Marks(boolean madeWithoutPgctl, boolean backupsPending, boolean standbySignal) {
        public static final Marks NONE = new Marks(false, false, false);
    }

    private DataDir() {
    }

    /** The marker bootstrap writes beside PGDATA while a restore is in progress. */
    public static Path restoreMarker(Path pgdata) {
        Path parent = pgdata.toAbsolutePath().getParent();
        return parent.resolve("." + pgdata.getFileName() + ".pgctl-restore");
    }

    /** The marker bootstrap writes beside PGDATA while a replica copies its primary with pg_basebackup. */
    public static Path cloneMarker(Path pgdata) {
        Path parent = pgdata.toAbsolutePath().getParent();
        return parent.resolve("." + pgdata.getFileName() + ".pgctl-clone");
    }

    /**
     * Written by {@code pgctl restore} (in place) before it stops PostgreSQL: the restore options, one per
     * line. Inside PGDATA, which postgres owns; the delta restore removes it with every other file the backup
     * does not hold.
     */
    public static Path restoreRequest(Path pgdata) {
        return pgdata.resolve("pgctl-restore-request");
    }

    /** A standby's data directory (PostgreSQL starts it in standby mode). */
    public static boolean isStandby(Path pgdata) {
        return Files.exists(pgdata.resolve("standby.signal"));
    }

    /** Present while a cluster adopted from the official image waits for {@code pgctl enable-backups}. */
    public static Path backupsPendingMarker(Path pgdata) {
        return pgdata.resolve("pgctl-backups-pending");
    }

    /** A cluster whose postgresql.conf does not include pgctl's settings was made without pgctl. */
    public static boolean madeWithoutPgctl(Path pgdata, Path include) throws IOException {
        Path conf = pgdata.resolve("postgresql.conf");
        return Files.isRegularFile(conf) && !Files.readString(conf).contains(include.toString());
    }

    /** Reads the {@link Marks} of a cluster; reads nothing for any other state. */
    public static Marks marks(Found found, Path pgdata, Path include) throws IOException {
        if (found.state() != State.CLUSTER) {
            return Marks.NONE;
        }
        return new Marks(madeWithoutPgctl(pgdata, include), Files.exists(backupsPendingMarker(pgdata)), isStandby(pgdata));
    }

    public static Found inspect(Path pgdata, String major) throws IOException {
        if (Files.exists(restoreMarker(pgdata))) {
            return new Found(State.INTERRUPTED_RESTORE, "");
        }
        if (Files.exists(cloneMarker(pgdata))) {
            return new Found(State.INTERRUPTED_CLONE, "");
        }
        if (!Files.isDirectory(pgdata) || isEmpty(pgdata)) {
            return new Found(State.EMPTY, "");
        }
        Path versionFile = pgdata.resolve("PG_VERSION");
        if (!Files.isRegularFile(versionFile)) {
            return new Found(State.NOT_A_CLUSTER, "");
        }
        String version = Files.readString(versionFile).strip();
        if (!version.equals(major)) {
            return new Found(State.OTHER_VERSION, version);
        }
        if (!Files.exists(pgdata.resolve("global/pg_control"))) {
            return new Found(State.INCOMPLETE, version);
        }
        if (Files.exists(restoreRequest(pgdata))) {
            return new Found(State.RESTORE_REQUESTED, version);
        }
        return new Found(State.CLUSTER, version);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
