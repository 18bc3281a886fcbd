package dev.pgctl.root;

import dev.pgctl.config.Config;
import dev.pgctl.config.ConfigLoader;
import dev.pgctl.config.Env;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.exec.Proc.Spec;
import dev.pgctl.exec.Proc;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.problem.Problem;
import dev.pgctl.ui.Out;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * bootstrap's part as root, and nothing more (issue 14): validate the environment (exit 3 before anything is
 * touched), read the {@code *_FILE} secrets that only root can read, hand the directories pgctl needs to postgres
 * ({@link RootSteps}), then run the rest of bootstrap as postgres, passing it those secrets on its standard input
 * (never on a command line or in the environment).
 */
public final class RootPhase {

    private RootPhase() {
    }

    /**
     * Runs as root. Returns the exit code of the postgres phase.
     *
     * @param childArgs the bootstrap options to pass on
     */
    public static int run(Out out, List<String> childArgs) throws IOException, InterruptedException {
        Proc proc = new Proc();
        int uid = idOf(proc, "-u");
        int gid = idOf(proc, "-g");
        RootFs fs = new RootFs(uid, gid);
        Map<String, String> handoff = new LinkedHashMap<>();
        Env.FileReader reader = path -> {
            var trusted = fs.readTrusted(path);
            if (trusted.isPresent()) {
                handoff.put(path.toAbsolutePath().normalize().toString(), trusted.get());
                return trusted.get();
            }
            // somewhere postgres could have put a link: read it with postgres' rights, never root's
            Result r = proc.run(Spec.of(Duration.ofSeconds(10), "cat", "--", path.toString()).asPostgres());
            if (!r.ok()) {
                throw new AccessDeniedException(path.toString(), null,
                        r.timedOut() ? "not a regular file (reading it did not end)" : "cannot be read by postgres");
            }
            return r.stdout();
        };
        Config c;
        try {
            c = new ConfigLoader(new Env(System.getenv(), reader), Runtime.getRuntime().availableProcessors()).load();
        } catch (ConfigLoader.InvalidConfig e) {
            throw new PgctlException(ExitCodes.CONFIG, "invalid configuration", e.problems());
        }

        Set<RootSteps.Step> steps = new LinkedHashSet<>(); // PGDATA and its parent may share steps
        steps.addAll(RootSteps.plan("PGCTL_CONF_DIR", c.paths().confDir(), RootFs::lstat, uid, false, "rwx------"));
        steps.addAll(RootSteps.plan("PGBACKREST_CONFIG", c.paths().pgbackrestConf().getParent(), RootFs::lstat, uid,
                false, "rwx------"));
        steps.addAll(RootSteps.plan("PGBACKREST_SPOOL_PATH", c.paths().spoolPath(), RootFs::lstat, uid, false, "rwx------"));
        steps.addAll(RootSteps.plan("PGCTL_RUN_DIR", c.paths().runDir(), RootFs::lstat, uid, false, "rwxr-xr-x"));
        // a second repository on a mounted volume: its directory is postgres', as pgBackRest writes there as postgres
        c.repo2().filter(r -> r.storage() instanceof Config.Repo2.Posix).ifPresent(r -> steps.addAll(RootSteps.plan(
                "PGBACKREST_REPO2_PATH", Path.of(r.path()), RootFs::lstat, uid, false, "rwx------")));
        // PGDATA's parent holds pgctl's restore and copy markers
        steps.addAll(RootSteps.plan("PGDATA", c.postgres().pgdata().getParent(), RootFs::lstat, uid, false, "rwxr-xr-x"));
        steps.addAll(RootSteps.plan("PGDATA", c.postgres().pgdata(), RootFs::lstat, uid, true, "rwx------"));
        // the certificate directory: created for postgres when missing; a directory that exists is the user's
        if (!RootFs.lstat(c.ssl().dir()).exists()) {
            steps.addAll(RootSteps.plan("PGCTL_SSL_DIR", c.ssl().dir(), RootFs::lstat, uid, false, "rwxr-xr-x"));
        }
        // a certificate directory the user mounted, closed to postgres: root reads it for postgres (never writes it)
        for (String f : List.of("server.crt", "server.key", "ca.crt")) {
            Path p = c.ssl().dir().resolve(f);
            fs.readTrusted(p).ifPresent(content -> handoff.put(p.toAbsolutePath().normalize().toString(), content));
        }
        var refusal = RootSteps.refusal(List.copyOf(steps));
        if (refusal.isPresent()) {
            throw new PgctlException(ExitCodes.CONFIG, refusal.get());
        }
        List<Path> created = new ArrayList<>();
        for (RootSteps.Step s : steps) {
            try {
                out.info("as root: " + fs.apply(s));
                if (s instanceof RootSteps.Step.Mkdir m) {
                    created.add(m.dir());
                }
            } catch (IOException e) {
                throw new PgctlException(ExitCodes.CONFIG, Problem.of(e.getMessage() == null ? "a directory" : e.getMessage(),
                        "pgctl (as root) cannot prepare it for the postgres user (" + e + ")",
                        "pgctl and PostgreSQL run as postgres and need to write there",
                        "make it writable for uid " + uid + ", or start the container as postgres: docker run --user postgres ..."));
            }
        }

        List<String> argv = new ArrayList<>(List.of("gosu", "postgres", "pgctl", "bootstrap", "--from-root"));
        argv.addAll(childArgs);
        Process child = new ProcessBuilder(argv).redirectOutput(Redirect.INHERIT).redirectError(Redirect.INHERIT).start();
        try (OutputStream stdin = child.getOutputStream()) {
            stdin.write(Handoff.write(handoff).getBytes(StandardCharsets.UTF_8));
        }
        int rc = child.waitFor();
        if (rc != 0) {
            // a refused start leaves the volume as it found it: the directories made here go again if still empty.
            // Each is in a directory postgres cannot write, so the name is still the directory root made.
            for (Path dir : created.reversed()) {
                try {
                    Files.delete(dir);
                } catch (IOException e) {
                    // not empty (postgres wrote there) or gone: left as it is
                }
            }
        }
        return rc;
    }

    private static int idOf(Proc proc, String flag) {
        Result r = proc.run(Spec.of(Duration.ofSeconds(10), "id", flag, "postgres"));
        try {
            return Integer.parseInt(r.stdout().strip());
        } catch (NumberFormatException e) {
            throw new PgctlException(ExitCodes.FAILED, "this image has no postgres user (id " + flag + " postgres: "
                    + r.diagnostic() + ")");
        }
    }
}
