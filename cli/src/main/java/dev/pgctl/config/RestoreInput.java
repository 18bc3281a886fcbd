package dev.pgctl.config;

import dev.pgctl.text.SafeText;
import dev.pgctl.problem.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The restore target as a person gives it: from the environment (PGCTL_RESTORE_TARGET_*,
 * PGCTL_RESTORE_SET) or from the command line of {@code pgctl restore} (--time, --name, --lsn,
 * --set). Both go through the same checks, each problem naming the variable or the option. Pure.
 */
public final class RestoreInput {
    private static final Pattern LSN = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");
    private static final Pattern LABEL = Pattern.compile("\\d{8}-\\d{6}F(_\\d{8}-\\d{6}[DI])?");
    /** PostgreSQL's limit for a restore point name (MAXFNAMELEN - 1 bytes). */
    static final int NAME_MAX_BYTES = 63;
    /** A unix socket's path is at most 107 bytes; the drill's server puts /.s.PGSQL.5432 in its directory. */
    static final int DRILL_DIR_MAX_BYTES = 107 - "/.s.PGSQL.5432".length();

    /** What each input is called where it came from; fix lines are written the same way. */
    public record Names(String time, String name, String lsn, String set) {
        public static final Names ENV = new Names("PGCTL_RESTORE_TARGET_TIME", "PGCTL_RESTORE_TARGET_NAME",
                "PGCTL_RESTORE_TARGET_LSN", "PGCTL_RESTORE_SET");
        public static final Names CLI = new Names("--time", "--name", "--lsn", "--set");

        /** {@code NAME=value} for a variable, {@code --option value} for an option. */
        String fix(String subject, String value) {
            return subject.startsWith("--") ? subject + " " + value : subject + "=" + value;
        }
    }

    private RestoreInput() {
    }

    /** The target, with every problem reported; values that are not usable are left out. */
    public static Config.RestoreTarget parse(Optional<String> time, Optional<String> name, Optional<String> lsn,
            Optional<String> set, Names n, Consumer<Problem> report) {
        Optional<OffsetDateTime> t = plain(n.time(), time, report).flatMap(v -> {
            Optional<OffsetDateTime> parsed = RestoreTimes.parse(v);
            if (parsed.isEmpty()) {
                report.accept(Problem.of(n.time(), "'" + v + "' is not a time with a time zone",
                        "the restore replays WAL up to this moment; without a zone it would be ambiguous",
                        n.fix(n.time(), "'2026-11-22 03:10:00+00'"), n.fix(n.time(), "2026-11-22T03:10:00Z")));
            }
            return parsed;
        });
        Optional<String> pointName = plain(n.name(), name, report).filter(v -> {
            Optional<String> defect = nameDefect(v);
            defect.ifPresent(d -> report.accept(Problem.of(n.name(), d,
                    "pgBackRest writes the name into postgresql.auto.conf between single quotes, without escaping, and "
                            + "PostgreSQL keeps restore point names of at most " + NAME_MAX_BYTES + " bytes",
                    n.fix(n.name(), "before-upgrade   (the name given to pg_create_restore_point)"))));
            return defect.isEmpty();
        });
        Optional<String> l = plain(n.lsn(), lsn, report).filter(v -> {
            boolean ok = LSN.matcher(v).matches();
            if (!ok) {
                report.accept(Problem.of(n.lsn(), "'" + v + "' is not an LSN",
                        "an LSN is two hexadecimal numbers separated by a slash, as pg_current_wal_lsn() prints it",
                        n.fix(n.lsn(), "0/3000060")));
            }
            return ok;
        });
        Optional<String> s = plain(n.set(), set, report).filter(v -> {
            boolean ok = LABEL.matcher(v).matches();
            if (!ok) {
                report.accept(Problem.of(n.set(), "'" + v + "' is not a backup label",
                        "labels look like 20261122-010000F or 20261122-010000F_20261123-010000D (see pgctl status)",
                        n.fix(n.set(), "20261122-010000F")));
            }
            return ok;
        });
        long targets = java.util.stream.Stream.of(time, name, lsn).filter(Optional::isPresent).count();
        if (targets > 1) {
            report.accept(Problem.of(n.time(), "more than one of " + n.time() + ", " + n.name() + " and " + n.lsn()
                    + " is set", "a restore recovers to one target", "keep one of them"));
        }
        return new Config.RestoreTarget(t, pointName, l, s);
    }

    /** The value when it holds no character SafeText refuses; otherwise reported, naming where it came from. */
    private static Optional<String> plain(String subject, Optional<String> value, Consumer<Problem> report) {
        if (value.isEmpty()) {
            return value;
        }
        String v = value.get();
        int i = SafeText.unsafeAt(v);
        if (i < 0) {
            return value;
        }
        report.accept(Problem.of(subject, "holds " + SafeText.describeAt(v, i) + ": '" + SafeText.visible(v) + "'",
                "it is written into the restore request and pgBackRest's recovery settings, one line each; nothing was "
                        + "written", subject.startsWith("--") ? "give " + subject + " again, on one line"
                        : "set " + subject + " again, on one line"));
        return Optional.empty();
    }

    /** Why a restore point name cannot be used, or empty. */
    static Optional<String> nameDefect(String v) {
        if (v.getBytes(StandardCharsets.UTF_8).length > NAME_MAX_BYTES) {
            return Optional.of("'" + v + "' is longer than " + NAME_MAX_BYTES + " bytes");
        }
        if (!v.equals(v.strip())) {
            return Optional.of("'" + v + "' starts or ends with a space");
        }
        if (v.contains("'") || v.contains("\\")) {
            return Optional.of("'" + v + "' holds a quote (') or a backslash (\\)");
        }
        return Optional.empty();
    }

    /**
     * Why a restore drill cannot use this directory, or empty. The drill's throwaway server is started
     * by pg_ctl, which runs it through /bin/sh, and its restore_command is run by /bin/sh too; the
     * directory is also its socket directory. So only plain paths are accepted.
     */
    public static Optional<Problem> drillDirectory(Path dir) {
        String d = dir.toString();
        Optional<String> defect = SafeText.pathDefect(d);
        if (defect.isPresent()) {
            return Optional.of(Problem.of("--to", "'" + SafeText.visible(d) + "' " + defect.get(),
                    "the drill's server is started through /bin/sh (pg_ctl) and fetches WAL with a shell command that "
                            + "names this directory; nothing was created",
                    "pgctl restore --to /tmp/drill"));
        }
        if (d.getBytes(StandardCharsets.UTF_8).length > DRILL_DIR_MAX_BYTES) {
            return Optional.of(Problem.of("--to", d + " is longer than " + DRILL_DIR_MAX_BYTES + " bytes",
                    "the drill's server listens on a unix socket in it, and a socket path has at most 107 bytes; "
                            + "nothing was created",
                    "pgctl restore --to /tmp/drill"));
        }
        return Optional.empty();
    }
}
