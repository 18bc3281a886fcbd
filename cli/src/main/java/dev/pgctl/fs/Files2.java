package dev.pgctl.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;

/** File writes with owner and mode: the only place pgctl changes files it renders. */
public final class Files2 {
    private final boolean root;

    public Files2(boolean root) {
        this.root = root;
    }

    /** Creates the directory (and parents) with the mode; owned by postgres when running as root. */
    public void directory(Path dir, String mode) throws IOException {
        Files.createDirectories(dir);
        if (root) {
            chownPostgres(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
        }
    }

    /** Writes the file through a temporary file and a rename, so a reader never sees half of it. */
    public void write(Path file, String content, String mode) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
        Files.writeString(tmp, content);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(mode));
        if (root) {
            chownPostgres(tmp);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public void chownPostgres(Path p) throws IOException {
        UserPrincipalLookupService lookup = p.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        view.setOwner(lookup.lookupPrincipalByName("postgres"));
        GroupPrincipal group = lookup.lookupPrincipalByGroupName("postgres");
        view.setGroup(group);
    }
}
