package dev.pgctl.replica;

import dev.pgctl.config.Config;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.pg.Postgres;
import dev.pgctl.pg.Scram;
import dev.pgctl.ui.Out;
import java.util.Optional;

/**
 * On a primary with PGCTL_REPLICATION_PASSWORD: the replication role exists, can log in and
 * replicate, and has that password. Runs at every start, so a new password in the environment
 * takes effect with a restart. The password is sent as a SCRAM verifier over psql's stdin.
 */
public final class ReplicationRole {
    private ReplicationRole() {
    }

    /** What to do with the role, from what the server holds. Pure. */
    enum Action { CREATE, UPDATE, NONE }

    static Action decide(Optional<String> state, String password) {
        if (state.isEmpty()) {
            return Action.CREATE;
        }
        String[] f = state.get().split("\\|", -1);
        boolean flags = f.length == 3 && f[0].equals("t") && f[1].equals("t");
        boolean same = f.length == 3 && Scram.matches(f[2], password);
        return flags && same ? Action.NONE : Action.UPDATE;
    }

    /** Creates or updates the role when it differs from the environment; false (and logged) when that failed. */
    public static boolean ensure(Config.Replication r, Postgres postgres, Out out) {
        if (!r.managed()) {
            return true;
        }
        String password = r.password().get().reveal();
        Result q = postgres.query("select rolcanlogin, rolreplication, coalesce(rolpassword, '') from pg_authid "
                + "where rolname = '" + r.user() + "'");
        if (!q.ok()) {
            out.error("could not read the replication role " + r.user() + ": " + q.diagnostic());
            return false;
        }
        Optional<String> state = q.stdout().isBlank() ? Optional.empty() : Optional.of(q.stdout().strip());
        Action action = decide(state, password);
        if (action == Action.NONE) {
            out.info("replication role " + r.user() + " is up to date");
            return true;
        }
        // ASCII passwords are hashed here; others go as clear text through stdin, and the server hashes them
        // (it normalises non-ASCII passwords with SASLprep first).
        String secret = password.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f) ? Scram.verifier(password) : password;
        String sql = (action == Action.CREATE ? "CREATE" : "ALTER") + " ROLE " + r.user()
                + " WITH LOGIN REPLICATION PASSWORD '" + secret.replace("'", "''") + "';\n";
        Result s = postgres.script("SET log_statement = 'none';\n" + sql);
        if (!s.ok()) {
            out.error("could not " + (action == Action.CREATE ? "create" : "update") + " the replication role "
                    + r.user() + ": " + s.diagnostic().replace(secret, "******"));
            return false;
        }
        out.info((action == Action.CREATE ? "created" : "updated") + " the replication role " + r.user()
                + " (replicas connect over SSL with scram-sha-256)");
        return true;
    }
}
