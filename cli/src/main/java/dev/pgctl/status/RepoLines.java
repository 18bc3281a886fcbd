package dev.pgctl.status;

import dev.pgctl.config.Config;
import dev.pgctl.config.Config.Repo2;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.pgbackrest.PgBackRest.Infos;
import dev.pgctl.pgbackrest.RepoInfo;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each repository on its own line (issue 19: status, check and metrics report each repository), and the whole they
 * make: pure functions of the Config and what one {@code pgbackrest info} said about each repository.
 */
public final class RepoLines {
    private RepoLines() {
    }

    /** Where repository {@code n} is, as status and check show it (never a secret). */
    public static String location(Config c, int n) {
        if (n == 1) {
            Config.Repo r = c.repo().orElseThrow();
            return "s3://" + r.bucket() + r.path() + " at " + r.endpoint() + r.port().map(p -> ":" + p).orElse("");
        }
        Repo2 r = c.repo2().orElseThrow();
        return switch (r.storage()) {
            case Repo2.S3 s -> "s3://" + s.bucket() + r.path() + " at " + s.endpoint() + s.port().map(p -> ":" + p).orElse("");
            case Repo2.Azure a -> "azure://" + a.account() + "/" + a.container() + r.path() + " at " + a.endpoint()
                    + a.port().map(p -> ":" + p).orElse("");
            case Repo2.Posix p -> "posix:" + r.path();
        };
    }

    /** "repo2 (azure://...)": how messages name a repository. */
    public static String name(Config c, int n) {
        return "repo" + n + " (" + location(c, n) + ")";
    }

    /** The latest backup of each type, as status lists them. */
    public static List<StatusReport.Backup> latest(RepoInfo ri, Instant now) {
        List<StatusReport.Backup> latest = new ArrayList<>();
        for (String type : List.of("full", "diff", "incr")) {
            ri.latest(type).ifPresent(b -> latest.add(new StatusReport.Backup(type, b.label(),
                    b.stop().toString(), ChronoUnit.SECONDS.between(b.stop(), now), b.size(), b.repoSize())));
        }
        return latest;
    }

    /** One line for each configured repository, in order. */
    public static List<StatusReport.RepoLine> of(Config c, Infos infos, Instant now) {
        List<StatusReport.RepoLine> out = new ArrayList<>();
        for (int n : c.repoNumbers()) {
            InfoResult r = infos.byRepo().getOrDefault(n, new InfoResult(Optional.empty(), "not read"));
            out.add(r.info().map(ri -> new StatusReport.RepoLine(n, location(c, n), true, Optional.empty(), latest(ri, now),
                    ri.backups().size(), ri.archiveMax()))
                    .orElseGet(() -> new StatusReport.RepoLine(n, location(c, n), false, Optional.of(r.error()), List.of(), 0,
                            Optional.empty())));
        }
        return out;
    }

    /**
     * What the repositories together say when one or more cannot be read: each of them named with its error, and
     * which ones can still be read (WAL and backups go on there). Empty when every one can be read.
     */
    public static Optional<String> unreachable(Config c, List<StatusReport.RepoLine> lines) {
        List<String> down = new ArrayList<>();
        List<String> up = new ArrayList<>();
        for (StatusReport.RepoLine l : lines) {
            if (l.reachable()) {
                up.add("repo" + l.repo());
            } else {
                down.add(name(c, l.repo()) + ": " + l.error().orElse(""));
            }
        }
        if (down.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join("; ", down) + (up.isEmpty() ? ""
                : "; WAL still goes to " + String.join(" and ", up) + ", which " + (up.size() == 1 ? "is" : "are") + " readable"));
    }
}
