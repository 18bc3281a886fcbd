package dev.pgctl.root;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.root.RootSteps.Node;
import dev.pgctl.root.RootSteps.Step;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What root may do for a directory postgres needs: mkdir where only root writes, lchown, and nothing through links. */
class RootStepsTest {
    static final int PG = 999;

    /** A small file system: / /var /var/lib /etc owned by root; /var/lib/postgresql by postgres (a named volume). */
    static Map<String, Node> fs() {
        Map<String, Node> m = new HashMap<>();
        m.put("/", Node.dir(0, 0755));
        m.put("/var", Node.dir(0, 0755));
        m.put("/var/lib", Node.dir(0, 0755));
        m.put("/var/lib/postgresql", Node.dir(PG, 0755));
        m.put("/etc", Node.dir(0, 0755));
        m.put("/etc/pgctl", Node.dir(PG, 0700));
        m.put("/tmp", Node.dir(0, 01777));
        m.put("/run", Node.dir(0, 0755));
        m.put("/run/secrets", Node.dir(0, 0755));
        m.put("/run/secrets/s3", Node.file(0, 0100400));
        return m;
    }

    static Function<Path, Node> lstat(Map<String, Node> m) {
        return p -> m.getOrDefault(p.toString(), Node.MISSING);
    }

    static List<Step> plan(Map<String, Node> m, String target, boolean tree) {
        return RootSteps.plan("PGDATA", Path.of(target), lstat(m), PG, tree, "rwx------");
    }

    @Test
    void aDirectoryOfPostgresNeedsNothing() {
        var m = fs();
        m.put("/var/lib/postgresql/18", Node.dir(PG, 0755));
        m.put("/var/lib/postgresql/18/docker", Node.dir(PG, 0700));
        assertEquals(List.of(), plan(m, "/var/lib/postgresql/18/docker", true));
    }

    @Test
    void missingBelowADirectoryOfPostgresIsLeftToPostgres() {
        assertEquals(List.of(), plan(fs(), "/var/lib/postgresql/18/docker", true));
    }

    @Test
    void missingInARootDirectoryIsCreatedThenHandedOver() {
        var m = fs();
        m.put("/var/lib/postgresql", Node.dir(0, 0755)); // a bind mount owned by root
        assertEquals(List.of(new Step.Mkdir(Path.of("/var/lib/postgresql/18"), "rwxr-xr-x"),
                new Step.Chown(Path.of("/var/lib/postgresql/18"))), plan(m, "/var/lib/postgresql/18/docker", true));
    }

    @Test
    void anExistingForeignDirectoryIsHandedOverContentsFirst() {
        var m = fs();
        m.put("/var/lib/postgresql", Node.dir(70, 0755)); // a volume of another image's uid
        m.put("/var/lib/postgresql/18", Node.dir(70, 0755));
        m.put("/var/lib/postgresql/18/docker", Node.dir(70, 0700)); // another image's uid
        assertEquals(List.of(new Step.ChownTree(Path.of("/var/lib/postgresql/18/docker")),
                new Step.Chown(Path.of("/var/lib/postgresql/18/docker"))), plan(m, "/var/lib/postgresql/18/docker", true));
    }

    @Test
    void nothingAtAllBelowADirectoryOfPostgres() {
        // postgres could swap any component below its own directory between root's look and root's act
        var m = fs();
        m.put("/var/lib/postgresql/18", Node.dir(70, 0755));
        m.put("/var/lib/postgresql/18/docker", Node.dir(70, 0700));
        assertEquals(List.of(), plan(m, "/var/lib/postgresql/18/docker", true));
        m.put("/var/lib/postgresql/18", Node.link(PG)); // planted: 18 -> /etc
        assertEquals(List.of(), plan(m, "/var/lib/postgresql/18/docker", true));
        m.put("/etc/pgctl/ssl", Node.link(PG)); // planted: /etc/pgctl/ssl -> /etc
        assertEquals(List.of(), RootSteps.plan("PGCTL_SSL_DIR", Path.of("/etc/pgctl/ssl"), lstat(m), PG, false, "rwx------"));
    }

    @Test
    void noTreeWalkWherePostgresCouldEnterTheDirectory() {
        var m = fs();
        m.put("/var/lib/postgresql", Node.dir(0, 0755));
        m.put("/var/lib/postgresql/18", Node.dir(0, 0755));
        m.put("/var/lib/postgresql/18/docker", Node.dir(70, 0755)); // postgres can enter it
        assertEquals(List.of(new Step.Chown(Path.of("/var/lib/postgresql/18/docker"))),
                plan(m, "/var/lib/postgresql/18/docker", true));
    }

    @Test
    void aLinkOfPostgresInARootDirectoryIsRefused() {
        var m = fs();
        m.put("/var/lib/postgresql", Node.dir(0, 0755));
        m.put("/var/lib/postgresql/18", Node.link(PG)); // left by an older image that chowned through links
        var r = RootSteps.refusal(plan(m, "/var/lib/postgresql/18/docker", true));
        assertTrue(r.isPresent());
        assertEquals("PGDATA", r.get().subject());
        m.put("/var/lib/postgresql/18", Node.link(0)); // root's own link as the last component: never followed
        assertTrue(RootSteps.refusal(plan(m, "/var/lib/postgresql/18", true)).isPresent());
    }

    @Test
    void aRootLinkInARootDirectoryIsFollowed() {
        var m = fs();
        m.put("/var/run", Node.link(0)); // the image's /var/run -> /run
        m.put("/var/run/.", Node.dir(0, 0755));
        assertEquals(List.of(new Step.Mkdir(Path.of("/var/run/pgctl"), "rwx------"), new Step.Chown(Path.of("/var/run/pgctl"))),
                plan(m, "/var/run/pgctl", false));
        m.put("/var/run/.", Node.dir(PG, 0755)); // the same link, leading into a directory of postgres'
        assertEquals(List.of(), plan(m, "/var/run/pgctl", false));
    }

    @Test
    void inAWorldWritableDirectoryRootCreatesNothing() {
        assertEquals(List.of(), plan(fs(), "/tmp/pgdata", false));
    }

    @Test
    void aForeignDirectoryInADirectoryOfPostgresIsHandedOverWithoutFollowingIt() {
        // the official image's volume: /var/lib/postgresql is postgres', 18 was made by root's mkdir -p
        var m = fs();
        m.put("/var/lib/postgresql/18", Node.dir(0, 0755));
        assertEquals(List.of(new Step.Chown(Path.of("/var/lib/postgresql/18"))), plan(m, "/var/lib/postgresql/18", true));
        m.put("/var/lib/postgresql/18", Node.link(PG));
        assertEquals(List.of(), plan(m, "/var/lib/postgresql/18", true), "a link there is postgres' own business");
    }

    @Test
    void aFileWhereADirectoryShouldBeIsRefused() {
        var m = fs();
        m.put("/var/lib/postgresql", Node.dir(0, 0755));
        m.put("/var/lib/postgresql/18", Node.file(0, 0100644));
        assertTrue(RootSteps.refusal(plan(m, "/var/lib/postgresql/18/docker", false)).isPresent());
    }

    @Test
    void rootReadsOnlyFilesPostgresCannotHavePlanted() {
        var m = fs();
        assertTrue(RootSteps.trustedForRoot(Path.of("/run/secrets/s3"), lstat(m), PG));
        m.put("/var/lib/postgresql/pw", Node.file(0, 0100400)); // in a directory of postgres': it could swap it
        assertFalse(RootSteps.trustedForRoot(Path.of("/var/lib/postgresql/pw"), lstat(m), PG));
        m.put("/run/secrets/link", Node.link(0));
        assertFalse(RootSteps.trustedForRoot(Path.of("/run/secrets/link"), lstat(m), PG), "a link, even root's");
        m.put("/run/secrets/fifo", Node.file(0, 0010600));
        assertFalse(RootSteps.trustedForRoot(Path.of("/run/secrets/fifo"), lstat(m), PG), "a FIFO would block root");
        m.put("/tmp/s", Node.file(0, 0100400));
        assertFalse(RootSteps.trustedForRoot(Path.of("/tmp/s"), lstat(m), PG), "a world-writable directory");
        // a certificate directory mounted into a directory of postgres': a mount point cannot be renamed
        m.put("/var/lib/postgresql/ssl", Node.mount(0, 0700));
        m.put("/var/lib/postgresql/ssl/server.key", Node.file(0, 0100600));
        assertTrue(RootSteps.trustedForRoot(Path.of("/var/lib/postgresql/ssl/server.key"), lstat(m), PG));
        m.put("/var/lib/postgresql/ssl", Node.dir(0, 0700)); // the same, but a plain directory postgres could swap
        assertFalse(RootSteps.trustedForRoot(Path.of("/var/lib/postgresql/ssl/server.key"), lstat(m), PG));
    }
}
