package dev.pgctl.config;

import dev.pgctl.problem.Problem;
import dev.pgctl.text.SafeText;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a restore recovers to: a time, a restore point name or an LSN, optionally from one backup set;
 * all empty means the latest backup and all archived WAL. A person gives it in the environment
 * (PGCTL_RESTORE_TARGET_*, PGCTL_RESTORE_SET) or on the command line of {@code pgctl restore}
 * (--time, --name, --lsn, --set); both go through {@link #parse}, each problem naming the variable or
 * the option it came from. Pure.
 */
public record RestoreTarget(Optional<OffsetDateTime> time, Optional<String> name, Optional<String> lsn,
        Optional<String> set) {
    private static final Pattern LSN = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");
    private static final Pattern LABEL = Pattern.compile("\\d{8}-\\d{6}F(_\\d{8}-\\d{6}[DI])?");
    /** PostgreSQL's limit for a restore point name (MAXFNAMELEN - 1 bytes). */
    static final int NAME_MAX_BYTES = 63;

    public static RestoreTarget latest() {
        return new RestoreTarget(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean isLatest() {
        return time.isEmpty() && name.isEmpty() && lsn.isEmpty() && set.isEmpty();
    }

    public String describe() {
        if (time.isPresent()) {
            return "time " + time.get();
        }
        if (name.isPresent()) {
            return "restore point '" + name.get() + "'";
        }
        if (lsn.isPresent()) {
            return "LSN " + lsn.get();
        }
        return set.map(s -> "the end of backup " + s).orElse("the latest backup and all archived WAL");
    }

    /** What each input is called where it came from; fix lines are written the same way. */
    public record Names(String time, String name, String lsn, String set) {
        public static final Names ENV = new Names("PGCTL_RESTORE_TARGET_TIME", "PGCTL_RESTORE_TARGET_NAME",
                "PGCTL_RESTORE_TARGET_LSN", "PGCTL_RESTORE_SET");
        public static final Names CLI = new Names("--time", "--name", "--lsn", "--set");

        /** {@code NAME=value} for a variable, {@code --option value} for an option. */
        public String fix(String subject, String value) {
            return option(subject) ? subject + " " + value : subject + "=" + value;
        }

        /** {@code unset NAME} for a variable, {@code leave out --option} for an option. */
        public String leaveOut(String subject) {
            return (option(subject) ? "leave out " : "unset ") + subject;
        }

        private static boolean option(String subject) {
            return subject.startsWith("--");
        }
    }

    /** The target from PGCTL_RESTORE_TARGET_TIME, _NAME, _LSN and PGCTL_RESTORE_SET, read through {@code env}. */
    public static RestoreTarget fromEnvironment(Function<String, Optional<String>> env, Consumer<Problem> report) {
        return parse(env, Names.ENV, report);
    }

    /** The target from pgctl restore's --time, --name, --lsn and --set; null is an option not given. */
    public static RestoreTarget fromCommandLine(String time, String name, String lsn, String set, Consumer<Problem> report) {
        Names n = Names.CLI;
        Map<String, String> given = new HashMap<>(); // a null value: not given
        given.put(n.time(), time);
        given.put(n.name(), name);
        given.put(n.lsn(), lsn);
        given.put(n.set(), set);
        return parse(o -> Optional.ofNullable(given.get(o)), n, report);
    }

    /**
     * The target, with every problem reported; values that are not usable are left out.
     *
     * @param input the value given for each of {@code n}'s names, if any
     */
    static RestoreTarget parse(Function<String, Optional<String>> input, Names n, Consumer<Problem> report) {
        Optional<String> time = input.apply(n.time());
        Optional<String> name = input.apply(n.name());
        Optional<String> lsn = input.apply(n.lsn());
        Optional<String> set = input.apply(n.set());
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
        // the command line cannot get here with two (an exclusive option group); the environment can
        long targets = Stream.of(time, name, lsn).filter(Optional::isPresent).count();
        if (targets > 1) {
            report.accept(Problem.of(n.time(), "more than one of " + n.time() + ", " + n.name() + " and " + n.lsn()
                    + " is set", "a restore recovers to one target", "keep one of them"));
        }
        return new RestoreTarget(t, pointName, l, s);
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
}
