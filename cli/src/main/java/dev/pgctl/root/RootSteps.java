package dev.pgctl.root;

import dev.pgctl.problem.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What root may do for a directory that pgctl (as postgres) needs: the whole of pgctl's privileged work, decided
 * without touching anything. Root only ever creates a directory inside a directory that only root can write, and
 * changes the owner of a directory without following links; everything else runs as postgres, whose own writes
 * cannot reach further than its rights. So no link planted by a database superuser (who can run commands as the OS
 * user postgres) can make root write, truncate or chown a file elsewhere.
 */
public final class RootSteps {
    private RootSteps() {
    }

    /** One path as lstat sees it: never through a link at its last component. */
    public record Node(boolean exists, boolean directory, boolean symlink, int uid, int mode, boolean mountPoint) {
        public static final Node MISSING = new Node(false, false, false, -1, 0, false);

        public Node(boolean exists, boolean directory, boolean symlink, int uid, int mode) {
            this(exists, directory, symlink, uid, mode, false);
        }

        /** A mount point (a volume or a bind mount): no one can rename or remove it while it is mounted. */
        public static Node mount(int uid, int mode) {
            return new Node(true, true, false, uid, mode, true);
        }

        /** A regular file: S_IFREG in the mode's type bits, when the mode carries them. */
        boolean regular() {
            return exists && !directory && !symlink && ((mode & 0170000) == 0 || (mode & 0170000) == 0100000);
        }

        public static Node dir(int uid, int mode) {
            return new Node(true, true, false, uid, mode);
        }

        public static Node link(int uid) {
            return new Node(true, false, true, uid, 0777);
        }

        public static Node file(int uid, int mode) {
            return new Node(true, false, false, uid, mode);
        }

        /** postgres can neither add, remove nor rename entries here: not its own, and writable by its owner only. */
        boolean closedTo(int pgUid) {
            return directory && uid != pgUid && (mode & 0022) == 0;
        }
    }

    /** A privileged step; Refuse carries the message (exit 3). */
    public sealed interface Step {
        record Mkdir(Path dir, String mode) implements Step { }

        record Chown(Path dir) implements Step { }

        /** Every entry below dir (post-order, dir last), without following links. */
        record ChownTree(Path dir) implements Step { }

        record Refuse(Problem problem) implements Step { }
    }

    /**
     * The steps that let postgres create or use {@code target}.
     *
     * @param variable the variable that names the directory, for messages
     * @param lstat    the file system, seen without following a link at the last component
     * @param pgUid    postgres' uid
     * @param tree     change the owner of everything below when the directory itself is not postgres' (PGDATA: a
     *                 bind mount or a volume of another image's uid); safe because postgres cannot enter it before
     *                 the directory itself is handed over, which is the last step
     */
    public static List<Step> plan(String variable, Path target, Function<Path, Node> lstat, int pgUid, boolean tree,
            String mode) {
        Path abs = target.toAbsolutePath().normalize();
        List<Step> steps = new ArrayList<>();
        Path parent = abs.getRoot();
        Node parentNode = lstat.apply(parent);
        for (int i = 0; i < abs.getNameCount(); i++) {
            Path p = parent.resolve(abs.getName(i));
            Node n = lstat.apply(p);
            boolean last = i == abs.getNameCount() - 1;
            if (!parentNode.closedTo(pgUid)) {
                // postgres can replace p at any moment: root can act on p itself only with a call that never follows
                // it (lchown), and on nothing below it. What is missing, postgres creates itself.
                if (last && n.exists() && n.directory() && !n.symlink() && n.uid() != pgUid) {
                    steps.add(new Step.Chown(p));
                }
                return steps;
            }
            if (!n.exists()) {
                steps.add(new Step.Mkdir(p, last ? mode : "rwxr-xr-x"));
                steps.add(new Step.Chown(p));
                return steps; // postgres creates what is below
            }
            if (n.symlink()) {
                // a link that postgres could not have put there (as the image's /var/run -> /run) is the admin's, and
                // the kernel follows it for what is below. Any other link could have been planted.
                if (n.uid() != pgUid && !last) {
                    parent = p;
                    parentNode = followed(lstat, p);
                    continue;
                }
                return List.of(refuse(variable, abs, p + " is a symbolic link" + (n.uid() == pgUid ? " owned by postgres"
                        : "") + "; as root pgctl never follows a link that postgres could have made"));
            }
            if (!n.directory()) {
                return List.of(refuse(variable, abs, p + " exists and is not a directory"));
            }
            if (last) {
                if (n.uid() != pgUid) {
                    // postgres can neither swap the directory nor enter it before it is handed over (the last step)
                    if (tree && (n.mode() & 0077) == 0) {
                        steps.add(new Step.ChownTree(p));
                    }
                    steps.add(new Step.Chown(p));
                }
                return steps;
            }
            parent = p;
            parentNode = n;
        }
        return steps;
    }

    /** The directory a link leads to: "p/." makes the kernel follow the link (the adapter does not normalise it). */
    private static Node followed(Function<Path, Node> lstat, Path link) {
        return lstat.apply(link.resolve("."));
    }

    private static Step refuse(String variable, Path target, String why) {
        return new Step.Refuse(Problem.of(variable, why,
                "pgctl runs as root only to hand " + target + " to the postgres user",
                "point " + variable + " at a real directory (no links), in a directory only root can write, "
                        + "or start the container as postgres: docker run --user postgres ..."));
    }

    /**
     * True when root may read {@code file}: it is a regular file (not a link, not a FIFO) and every directory on
     * the way is closed to postgres, or is reached through a link that postgres could not have made.
     */
    public static boolean trustedForRoot(Path file, Function<Path, Node> lstat, int pgUid) {
        Path abs = file.toAbsolutePath().normalize();
        Path parent = abs.getRoot();
        Node parentNode = lstat.apply(parent);
        for (int i = 0; i < abs.getNameCount(); i++) {
            Path p = parent.resolve(abs.getName(i));
            Node n = lstat.apply(p);
            // postgres can replace p only if it can write p's directory, and never a mount point (EBUSY)
            if (!n.exists() || !(parentNode.closedTo(pgUid) || n.mountPoint())) {
                return false;
            }
            if (i == abs.getNameCount() - 1) {
                return n.regular();
            }
            if (n.symlink() && n.uid() == pgUid) {
                return false;
            }
            parent = p;
            parentNode = n.symlink() ? followed(lstat, p) : n;
        }
        return false;
    }

    public static Optional<Problem> refusal(List<Step> steps) {
        return steps.stream().filter(s -> s instanceof Step.Refuse).map(s -> ((Step.Refuse) s).problem()).findFirst();
    }
}
