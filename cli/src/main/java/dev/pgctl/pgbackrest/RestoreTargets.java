package dev.pgctl.pgbackrest;

import dev.pgctl.config.RestoreTimes;
import dev.pgctl.problem.Problem;
import dev.pgctl.config.RestoreTarget;
import dev.pgctl.config.RestoreTarget.Names;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Restore targets: checked against what the repository holds, and turned into pgBackRest options. Pure. */
public final class RestoreTargets {
    private RestoreTargets() {
    }

    /** pgBackRest restore options for the target; recovery always ends with a promotion. */
    public static List<String> options(RestoreTarget t) {
        List<String> o = new ArrayList<>();
        t.set().ifPresent(s -> o.add("--set=" + s));
        if (t.time().isPresent()) {
            o.add("--type=time");
            o.add("--target=" + t.time().get().withOffsetSameInstant(ZoneOffset.UTC).format(RestoreTimes.TARGET));
        } else if (t.name().isPresent()) {
            o.add("--type=name");
            o.add("--target=" + t.name().get());
        } else if (t.lsn().isPresent()) {
            o.add("--type=lsn");
            o.add("--target=" + t.lsn().get());
        } else if (t.set().isPresent()) {
            o.add("--type=immediate");
        }
        if (!t.isLatest()) {
            o.add("--target-action=promote");
        }
        return o;
    }

    /** What the repository can restore, for messages: "from <oldest> to <newest>". */
    public static String holds(RepoInfo info) {
        if (info.backups().isEmpty()) {
            return "the repository holds no backup";
        }
        RepoInfo.Backup oldest = info.backups().get(0);
        return "the repository can restore from " + oldest.stop() + " (end of backup " + oldest.label()
                + ") to the last archived WAL" + info.archiveMax().map(w -> " (" + w + ")").orElse("")
                + "; backups: " + String.join(", ", info.backups().stream().map(b -> b.label() + " " + b.stop()).toList());
    }

    /** A problem when the target cannot be reached with what the repository holds, naming PGCTL_RESTORE_*. */
    public static Optional<Problem> check(RestoreTarget t, RepoInfo info, Instant now) {
        return check(t, info, now, Names.ENV);
    }

    /** A problem when the target cannot be reached with what the repository holds, naming the target's inputs. */
    public static Optional<Problem> check(RestoreTarget t, RepoInfo info, Instant now, Names n) {
        if (t.set().isPresent() && info.backups().stream().noneMatch(b -> b.label().equals(t.set().get()))) {
            return Optional.of(Problem.of(n.set(), "the repository has no backup '" + t.set().get() + "'",
                    holds(info), n.fix(n.set(), info.latest().map(RepoInfo.Backup::label).orElse("<label>"))));
        }
        if (t.time().isPresent() && !info.backups().isEmpty()) {
            Instant target = t.time().get().toInstant();
            if (target.isAfter(now)) {
                return Optional.of(Problem.of(n.time(), t.time().get() + " is in the future",
                        holds(info), n.fix(n.time(), "'" + now.atOffset(ZoneOffset.UTC).format(RestoreTimes.TARGET) + "'"),
                        "or unset it to restore everything the repository holds"));
            }
            Instant oldest = info.backups().get(0).stop();
            if (target.isBefore(oldest)) {
                return Optional.of(Problem.of(n.time(), t.time().get()
                        + " is before the oldest restorable point", holds(info),
                        n.fix(n.time(), "'" + oldest.atOffset(ZoneOffset.UTC).format(RestoreTimes.TARGET) + "'")));
            }
            if (t.set().isPresent()) {
                RepoInfo.Backup set = info.backups().stream().filter(b -> b.label().equals(t.set().get())).findFirst().get();
                if (target.isBefore(set.stop())) {
                    return Optional.of(Problem.of(n.time(), t.time().get() + " is before the end of backup "
                            + set.label() + " (" + set.stop() + ")", holds(info),
                            n.leaveOut(n.set()) + " to let pgBackRest pick the backup for this time"));
                }
            }
        }
        return Optional.empty();
    }
}
