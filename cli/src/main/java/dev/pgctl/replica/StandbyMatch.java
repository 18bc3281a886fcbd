package dev.pgctl.replica;

import dev.pgctl.config.Config;
import dev.pgctl.exec.Proc;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.exec.Proc.Spec;
import dev.pgctl.pg.Postgres;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.problem.Problem;
import dev.pgctl.render.Replication;
import dev.pgctl.ui.Out;
import java.time.Duration;
import java.util.Optional;

/**
 * A standby's data must be a copy of the primary it follows: PostgreSQL would otherwise retry
 * the stream forever. Compared when the primary answers; when it does not, the standby starts and
 * PostgreSQL reconnects by itself.
 */
public final class StandbyMatch {
    /** What comparing the system ids says. */
    public sealed interface Verdict {
        /** the standby is a copy of that primary */
        record Same(String systemId) implements Verdict {
        }

        /** one of the ids is not known now */
        record Unknown(String why) implements Verdict {
        }

        /** the standby belongs to another cluster: it can never follow that primary */
        record Other(String local, String upstream) implements Verdict {
        }
    }

    private StandbyMatch() {
    }

    /** From the local system id (pg_controldata) and the primary's answer to IDENTIFY_SYSTEM. Pure. */
    public static Verdict compare(Optional<String> local, Result identify) {
        Optional<String> upstream = identify.ok() ? Optional.of(identify.stdout().strip().split("\\|")[0]) : Optional.empty();
        if (local.isEmpty() || upstream.isEmpty()) {
            return new Verdict.Unknown(identify.ok() ? "no local system id" : CloneErrors.lastLine(identify.stderr()));
        }
        if (!local.equals(upstream)) {
            return new Verdict.Other(local.get(), upstream.get());
        }
        return new Verdict.Same(local.get());
    }

    /** Asks the primary and compares; refuses to start (exit 4) a standby of another cluster. */
    public static void check(Config c, Proc proc, Postgres postgres, Out out, String image) {
        Optional<String> local = postgres.controlSystemId();
        String conninfo = Replication.conninfo(c, "pgctl-bootstrap") + " connect_timeout=5 replication=true";
        Result r = proc.run(Spec.of(Duration.ofSeconds(20), "psql", "-X", "-A", "-t",
                "-d", conninfo, "-c", "IDENTIFY_SYSTEM").asPostgres());
        switch (compare(local, r)) {
            case Verdict.Unknown u -> out.info("could not compare this standby with the primary now (" + u.why()
                    + "); starting it, PostgreSQL reconnects by itself");
            case Verdict.Other o -> throw new PgctlException(ExitCodes.UNSAFE, Problem.of("PGDATA",
                    c.postgres().pgdata() + " holds a standby of another cluster (system id " + o.local()
                            + ") than the primary " + c.replication().primaryHost().orElse("?") + " (system id " + o.upstream() + ")",
                    "it can never follow that primary; pgctl does not delete it on its own",
                    "if PGCTL_PRIMARY_HOST is wrong, fix it; otherwise, to copy the primary afresh, empty the volume: "
                            + "docker run --rm -v <volume>:/var/lib/postgresql " + image + " sh -c 'rm -rf "
                            + c.postgres().pgdata() + "/*'"));
            case Verdict.Same s -> out.info("this standby and the primary are the same cluster (system id " + s.systemId() + ")");
        }
    }
}
