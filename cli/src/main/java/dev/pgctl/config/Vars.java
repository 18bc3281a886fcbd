package dev.pgctl.config;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import dev.pgctl.config.Variable.Type.Kind;
import dev.pgctl.problem.Problem;
import dev.pgctl.text.SafeText;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed reading of {@link Variable}s from an {@link Env}: the name, the default and the range come
 * from the table. A value that is not of its type is reported (naming the variable, with a fix)
 * and the default is used, so that loading goes on and every problem is found. Rules between
 * variables are {@link ConfigLoader}'s.
 */
final class Vars {
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Set<String> OFF = Set.of("off", "none", "disabled", "false", "no");

    private final Env env;

    Vars(Env env) {
        this.env = env;
    }

    /** The value, if set (NAME, or the contents of NAME_FILE). */
    Optional<String> optional(Variable v) {
        return v.fileForm() ? env.get(v.name()) : env.raw(v.name());
    }

    /** The value, or the table's default. */
    String text(Variable v) {
        return optional(v).orElseGet(() -> dflt(v));
    }

    Optional<Secret> secret(Variable v) {
        expect(v, Kind.SECRET);
        return optional(v).map(Secret::new);
    }

    /** A whole number within the table's range; the fix shows the default. */
    int integer(Variable v) {
        return optionalInteger(v, dflt(v)).orElseGet(() -> Integer.parseInt(dflt(v)));
    }

    /** A whole number within the table's range, when set; the fix shows {@code example}. */
    Optional<Integer> optionalInteger(Variable v, String example) {
        expect(v, Kind.INTEGER);
        Optional<String> s = optional(v);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        String name = v.name();
        int min = v.type().min();
        int max = v.type().max();
        try {
            int i = Integer.parseInt(s.get());
            if (i < min || i > max) {
                env.report(Problem.of(name, s.get() + " is out of range",
                        "it must be between " + min + " and " + max, name + "=" + example));
                return Optional.empty();
            }
            return Optional.of(i);
        } catch (NumberFormatException e) {
            env.report(Problem.of(name, "'" + s.get() + "' is not a whole number", "", name + "=" + example));
            return Optional.empty();
        }
    }

    /**
     * One of the table's choices: compared lower-cased when the choices are lower-case (S3 is s3), as written
     * otherwise (TLSv1.2). Another value is reported with {@code problem}, which gets the value as compared;
     * the value is returned either way, so that loading goes on and finds every problem.
     */
    String choice(Variable v, Function<String, Problem> problem) {
        expect(v, Kind.CHOICE);
        String s = text(v);
        boolean lowerCase = v.type().values().stream().allMatch(c -> c.equals(c.toLowerCase(Locale.ROOT)));
        String value = lowerCase ? s.toLowerCase(Locale.ROOT) : s;
        if (!v.allows(value)) {
            env.report(problem.apply(value));
        }
        return value;
    }

    /** y/n (also yes, true, on, 1 and their opposites). */
    boolean bool(Variable v) {
        expect(v, Kind.BOOLEAN);
        String s = text(v);
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "y", "yes", "true", "on", "1" -> true;
            case "n", "no", "false", "off", "0" -> false;
            default -> {
                env.report(Problem.of(v.name(), "'" + s + "' is not y or n", "", v.name() + "=y"));
                yield dflt(v).equals("y");
            }
        };
    }

    /** An absolute path pgctl can write unquoted ({@link SafeText#pathDefect}), normalised. */
    Path path(Variable v) {
        expect(v, Kind.PATH);
        String s = text(v);
        Optional<String> defect = SafeText.pathDefect(s);
        if (defect.isPresent()) {
            env.report(Problem.of(v.name(), "'" + s + "' " + defect.get(), "", v.name() + "=" + dflt(v)));
            return Path.of(dflt(v));
        }
        return Path.of(s).normalize();
    }

    /** A cron expression with single spaces, or empty when the schedule is off. */
    Optional<String> schedule(Variable v) {
        expect(v, Kind.CRON);
        String name = v.name();
        String s = text(v);
        if (OFF.contains(s.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        try {
            CRON.parse(s).validate();
            return Optional.of(s.trim().replaceAll("\\s+", " "));
        } catch (IllegalArgumentException e) {
            env.report(Problem.of(name, "'" + s + "' is not a cron expression (" + e.getMessage() + ")",
                    "the schedule is five fields: minute hour day-of-month month day-of-week",
                    name + "='" + dflt(v) + "'", name + "=off   # to disable this schedule"));
            return Optional.of(dflt(v));
        }
    }

    /** A TCP port within the table's range, or empty when the variable says off. */
    Optional<Integer> portOrOff(Variable v) {
        expect(v, Kind.PORT_OR_OFF);
        String name = v.name();
        String s = text(v);
        if (OFF.contains(s.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        int min = v.type().min();
        int max = v.type().max();
        try {
            int port = Integer.parseInt(s);
            if (port >= min && port <= max) {
                return Optional.of(port);
            }
            env.report(Problem.of(name, s + " is out of range", "a TCP port is between " + min + " and " + max,
                    name + "=" + dflt(v), name + "=off   # no metrics server"));
        } catch (NumberFormatException e) {
            env.report(Problem.of(name, "'" + s + "' is not a port number or off", "",
                    name + "=" + dflt(v), name + "=off   # no metrics server"));
        }
        return Optional.of(Integer.parseInt(dflt(v)));
    }

    /** The table's default value; a variable without one is read with {@link #optional}. */
    private static String dflt(Variable v) {
        return v.dflt().value().orElseThrow(() -> new IllegalStateException(v + " has no default value"));
    }

    private static void expect(Variable v, Kind kind) {
        if (v.type().kind() != kind) {
            throw new IllegalStateException(v + " is " + v.type().kind() + " in Variable, read as " + kind);
        }
    }
}
