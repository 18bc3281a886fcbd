package dev.pgctl.cmd;

import dev.pgctl.config.Config;
import dev.pgctl.pgbackrest.PgBackRest;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.problem.Problem;

/** The --repo N option of backup, restore --to and drill (README "Second repository"): checked the same way. */
final class RepoOption {
    private RepoOption() {
    }

    /** Refuses (exit 2, with the fix) a repository that is not configured; {@code example} is the command to show. */
    static void check(Config c, Integer repo, String example) {
        if (repo == null || c.repoNumbers().contains(repo)) {
            return;
        }
        throw new PgctlException(ExitCodes.USAGE, Problem.of("--repo " + repo,
                c.repo2().isPresent() ? "is not 1 or 2" : "there is no repository " + repo + ": only one repository is configured",
                "pgBackRest numbers the repositories 1 (PGBACKREST_REPO1_*) and 2 (PGBACKREST_REPO2_*)",
                example + (c.repo2().isPresent() ? " --repo 2" : ""),
                "or set PGBACKREST_REPO2_TYPE and its variables for a second repository (README, Second repository)"));
    }

    /** pgBackRest for the command: {@code repo} alone when given (checked), else every repository. */
    static PgBackRest pgbackrest(Context ctx, Integer repo, String example) {
        check(ctx.config(), repo, example);
        return repo == null ? ctx.pgbackrest() : ctx.pgbackrest().forRepo(repo);
    }
}
