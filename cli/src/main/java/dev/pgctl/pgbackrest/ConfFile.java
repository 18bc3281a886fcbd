package dev.pgctl.pgbackrest;

import dev.pgctl.config.Config;
import dev.pgctl.render.PgBackRestConf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The pgbackrest.conf a pgBackRest run gets. In a running container bootstrap has rendered it from this same
 * environment ({@code PGBACKREST_CONFIG}), and that file is used. Where it is missing (a one-off container: {@code
 * docker run --rm --env-file ... pgctl check}, where bootstrap never ran) or differs from what the environment
 * renders now ({@code docker exec -e ...}, a file of an older image), the run gets a private copy rendered the
 * same way, in a new directory of its own (mode 0700, the file 0600) that is removed when the run ends.
 *
 * <p>Why a private file and not the configured path: the configured file is the one PostgreSQL's archive_command
 * reads; rewriting it from a command's environment would change where a running cluster archives. Why a file and
 * not pgBackRest's {@code PGBACKREST_*} variables: the rendered file has per-command sections ({@code
 * [global:backup]}, the stanza's pg1 options) that no variable can express, and it is then exactly what bootstrap
 * writes. The secrets stay in a 0600 file of this user, as in the rendered one: never on a command line, in {@code
 * ps} or in a child's environment.
 */
public final class ConfFile {
    /** Where a run's configuration comes from. */
    public enum Source {
        /** the rendered file at PGBACKREST_CONFIG, which matches the environment */
        RENDERED,
        /** no file at PGBACKREST_CONFIG (or unreadable): a private copy rendered from the environment */
        MISSING,
        /** the file at PGBACKREST_CONFIG is not what the environment renders: a private copy */
        DIFFERS
    }

    /** The files side: reading the configured file, writing and removing a private copy. */
    public interface Disk {
        /** The file's content; empty when it does not exist or cannot be read. */
        Optional<String> read(Path file);

        /** Writes {@code content} to a new private file (in a new private directory) and returns its path. */
        Path writePrivate(String content) throws IOException;

        /** Removes a private file written by {@link #writePrivate} and its directory. */
        void remove(Path file);

        Disk REAL = new Disk() {
            @Override
            public Optional<String> read(Path file) {
                try {
                    return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
                } catch (IOException | UncheckedIOException e) {
                    return Optional.empty();
                }
            }

            @Override
            public Path writePrivate(String content) throws IOException {
                Path dir = Files.createTempDirectory("pgctl-pgbackrest-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Path file = dir.resolve("pgbackrest.conf");
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, content);
                return file;
            }

            @Override
            public void remove(Path file) {
                try {
                    Files.deleteIfExists(file);
                    Path dir = file.getParent();
                    if (dir != null && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                        Files.deleteIfExists(dir);
                    }
                } catch (IOException e) {
                    // a file in java.io.tmpdir that outlives the run is still 0600 in a 0700 directory
                }
            }
        };
    }

    /** The configuration of one pgBackRest run: {@code --config=<path>}; closing removes a private copy. */
    public record Lease(Path path, Source source, boolean own, Disk disk) implements AutoCloseable {
        @Override
        public void close() {
            if (own) {
                disk.remove(path);
            }
        }
    }

    /** Which file a run uses: the rendered one only when it holds exactly what the environment renders. Pure. */
    public static Source source(String rendered, Optional<String> onDisk) {
        if (onDisk.isEmpty()) {
            return Source.MISSING;
        }
        return onDisk.get().equals(rendered) ? Source.RENDERED : Source.DIFFERS;
    }

    /** One line for people: where this configuration comes from. Pure. */
    public static String describe(Source source, Path configured) {
        return switch (source) {
            case RENDERED -> configured.toString();
            case MISSING -> "rendered from the environment (no " + configured + " in this container)";
            case DIFFERS -> "rendered from the environment (" + configured + " differs from it; left as it is)";
        };
    }

    private final Config config;
    private final Disk disk;

    public ConfFile(Config config, Disk disk) {
        this.config = config;
        this.disk = disk;
    }

    /** Where the configuration comes from now, without writing anything. */
    public Source source() {
        return source(PgBackRestConf.render(config), disk.read(config.paths().pgbackrestConf()));
    }

    /** The configuration for one run; close it when the run ended. */
    public Lease open() {
        String rendered = PgBackRestConf.render(config);
        Source s = source(rendered, disk.read(config.paths().pgbackrestConf()));
        if (s == Source.RENDERED) {
            return new Lease(config.paths().pgbackrestConf(), s, false, disk);
        }
        try {
            return new Lease(disk.writePrivate(rendered), s, true, disk);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a private pgbackrest.conf rendered from the environment in "
                    + System.getProperty("java.io.tmpdir") + " (" + e.getMessage() + ")", e);
        }
    }
}
