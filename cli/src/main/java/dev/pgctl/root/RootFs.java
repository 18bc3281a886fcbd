package dev.pgctl.root;

import dev.pgctl.root.RootSteps.Node;
import dev.pgctl.root.RootSteps.Step;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The only file system calls pgctl makes as root: lstat, mkdir in a directory postgres cannot write, lchown, and
 * reading a file through no link that postgres could have made. Nothing here follows a symbolic link at the last
 * component of a path.
 */
public final class RootFs {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private final int pgUid;
    private final int pgGid;

    public RootFs(int pgUid, int pgGid) {
        this.pgUid = pgUid;
        this.pgGid = pgGid;
    }

    public int pgUid() {
        return pgUid;
    }

    /** The mount points of this process, from /proc/self/mountinfo (its fifth field, octal escapes undone). */
    private static final Set<String> MOUNTS = mounts();

    private static Set<String> mounts() {
        try {
            Set<String> out = new HashSet<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                if (f.length > 4) {
                    out.add(unescape(f[4]));
                }
            }
            return out;
        } catch (IOException e) {
            return Set.of();
        }
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(s.charAt(i));
            }
        }
        return b.toString();
    }

    public static Node lstat(Path p) {
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:uid,mode,isDirectory,isSymbolicLink", NOFOLLOW);
            return new Node(true, (Boolean) a.get("isDirectory"), (Boolean) a.get("isSymbolicLink"),
                    (Integer) a.get("uid"), (Integer) a.get("mode"), MOUNTS.contains(p.toString()));
        } catch (NoSuchFileException e) {
            return Node.MISSING;
        } catch (IOException e) {
            // unreadable: treat as a foreign, closed entry; the steps that need it fail with the error
            return new Node(true, false, false, 0, 0, false);
        }
    }

    /** Carries out one step; returns what was done, for the log. */
    public String apply(Step step) throws IOException {
        return switch (step) {
            case Step.Mkdir m -> {
                Files.createDirectory(m.dir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(m.mode())));
                yield "created " + m.dir();
            }
            case Step.Chown c -> {
                lchown(c.dir());
                yield "handed " + c.dir() + " to postgres";
            }
            case Step.ChownTree t -> {
                int[] n = {0};
                Files.walkFileTree(t.dir(), new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        lchown(file);
                        n[0]++;
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        if (e != null) {
                            throw e;
                        }
                        if (!dir.equals(t.dir())) {
                            lchown(dir);
                            n[0]++;
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
                yield "handed " + n[0] + " entries below " + t.dir() + " to postgres";
            }
            case Step.Refuse r -> throw new IllegalStateException(r.problem().render());
        };
    }

    private void lchown(Path p) throws IOException {
        Files.setAttribute(p, "unix:uid", pgUid, NOFOLLOW);
        Files.setAttribute(p, "unix:gid", pgGid, NOFOLLOW);
    }

    /**
     * Reads a file as root, but only when no component of its path is one that postgres could have made or
     * replaced, and the file itself is a regular file (no link, no FIFO). Empty when that cannot be promised: the
     * caller then reads it as postgres.
     */
    public Optional<String> readTrusted(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        if (!RootSteps.trustedForRoot(abs, RootFs::lstat, pgUid)) {
            return Optional.empty();
        }
        try (SeekableByteChannel ch = Files.newByteChannel(abs, Set.of(StandardOpenOption.READ, NOFOLLOW))) {
            long size = ch.size();
            if (size > 1 << 20) {
                throw new IOException("larger than 1 MiB");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // read it all
            }
            return Optional.of(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
        }
    }
}
