package dev.pgctl.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * File writes with a mode: the only place pgctl changes files it renders. pgctl writes files only as postgres
 * (bootstrap's root part writes none: see {@code root.RootPhase}). A write goes to a new temporary file that is
 * then renamed over the target, so a reader never sees half of it and a link planted at the target is replaced,
 * never followed.
 */
public final class Files2 {

    /** Creates the directory (and parents); sets the mode when it is this user's own directory. A link is refused. */
    public void directory(Path dir, String mode) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            throw new IOException(dir + " is a symbolic link; pgctl writes only into real directories (remove the link)");
        }
        Files.createDirectories(dir);
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                && Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
        }
    }

    /** Writes the file through a new temporary file and a rename. */
    public void write(Path file, String content, String mode) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
        Files.writeString(tmp, content);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(mode));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
