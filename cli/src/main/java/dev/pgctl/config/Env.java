package dev.pgctl.config;

import dev.pgctl.problem.Problem;
import dev.pgctl.text.SafeText;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The process environment with the {@code *_FILE} convention of the official
 * postgres image: {@code NAME_FILE=/run/secrets/x} reads the value of NAME
 * from that file (one trailing {@code \n} or {@code \r\n} removed). Setting both is an error.
 * Problems are collected, not thrown, so that every bad variable is reported
 * in one go.
 *
 * <p>The one place where every value is checked before anything is written: a value (direct, or
 * the content of its file) that holds a character {@link SafeText} refuses, such as a newline that
 * would become a line of its own in pgbackrest.conf, is reported naming the variable, and no
 * further problem is reported for that variable (its value is never printed raw).
 */
public final class Env {
    /** Reads a file named by a {@code *_FILE} variable. */
    @FunctionalInterface
    public interface FileReader {
        String read(Path path) throws IOException;
    }

    private final Map<String, String> vars;
    private final FileReader files;
    private final List<Problem> problems = new ArrayList<>();
    /** Variables (NAME or NAME_FILE) whose value was refused: checked once, reported once. */
    private final Set<String> refused = new HashSet<>();
    private final Set<String> checked = new HashSet<>();

    public Env(Map<String, String> vars, FileReader files) {
        this.vars = new TreeMap<>(vars);
        this.files = files;
    }

    public static Env system() {
        return new Env(System.getenv(), Files::readString);
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** Adds a problem, unless the variable's value was already refused as unsafe (that problem says it all). */
    public void report(Problem p) {
        String s = p.subject();
        if (refused.contains(s) || refused.contains(s + "_FILE")
                || s.endsWith("_FILE") && refused.contains(s.substring(0, s.length() - 5))) {
            return;
        }
        problems.add(p);
    }

    /**
     * The raw value of a variable, without the *_FILE convention; spaces at either end are removed and
     * an empty value counts as unset. Any other character that cannot go into a file is reported.
     */
    public Optional<String> raw(String name) {
        String v = vars.get(name);
        if (v == null) {
            return Optional.empty();
        }
        v = trimSpaces(v);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (checked.add(name)) {
            check(name, v, Optional.empty());
        }
        return Optional.of(v);
    }

    private static String trimSpaces(String v) {
        int start = 0;
        int end = v.length();
        while (start < end && v.charAt(start) == ' ') {
            start++;
        }
        while (end > start && v.charAt(end - 1) == ' ') {
            end--;
        }
        return v.substring(start, end);
    }

    /** True for variables whose values are never printed: passwords, secrets, keys, tokens, URLs (webhooks carry tokens). */
    public static boolean secretName(String name) {
        String n = name.endsWith("_FILE") ? name.substring(0, name.length() - 5) : name;
        return n.contains("PASSWORD") || n.contains("SECRET") || n.contains("TOKEN") || n.endsWith("_PASS")
                || n.endsWith("_KEY") || n.endsWith("_URL");
    }

    /** Reports a value holding a character no configuration file can carry; file is set for *_FILE contents. */
    private void check(String subject, String value, Optional<Path> file) {
        String variable = subject.endsWith("_FILE") && file.isPresent() ? subject.substring(0, subject.length() - 5) : subject;
        boolean multiline = Variable.named(variable).map(v -> v.type().multiline()).orElse(false);
        // a multi-line value (PGCTL_DRILL_SQL) may break lines and hold tabs: it never goes into a file
        int i = SafeText.unsafeAt(multiline ? value.replace('\n', ' ').replace('\t', ' ') : value);
        if (i < 0) {
            return;
        }
        char c = value.charAt(i);
        boolean lineBreak = c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
        String where = SafeText.describeAt(value, i);
        String shown = file.isPresent() || secretName(subject)
                ? (file.isPresent() ? " (file contents are never shown)" : " (a secret: its value is not shown)")
                : ": '" + SafeText.visible(abbreviate(value)) + "'";
        String why = (lineBreak
                ? "in pgbackrest.conf, the PostgreSQL include or pg_hba.conf it would end the line, and what follows would be "
                        + "read as a line of its own (another option)"
                : "the configuration files pgctl writes cannot carry it (pgBackRest strips it at the ends of a value, "
                        + "pg_hba.conf and the crontab split fields on it)")
                + "; nothing was written";
        if (file.isPresent()) {
            Path p = file.get();
            refuse(subject, "the file " + p + " holds " + where + shown + "; only one trailing \\n or \\r\\n is removed",
                    why, c == '\r'
                            ? List.of("remove the carriage returns (Windows line endings): sed -i 's/\\r$//' " + p)
                            : List.of("write the value alone, on one line: printf '%s' 'the-value' > " + p));
            return;
        }
        String base = subject;
        String fix = c == '\r'
                ? "remove the carriage return from " + base + " (an env file with Windows line endings gives one): "
                        + "sed -i 's/\\r$//' <env file>"
                : lineBreak
                        ? "set " + base + " on one line, without the line break: -e " + base + "=value, or in compose "
                                + base + ": value"
                        : "set " + base + " again without that character: -e " + base + "=value";
        refuse(subject, "holds " + where + shown, why, List.of(fix));
    }

    private void refuse(String subject, String what, String why, List<String> fix) {
        report(new Problem(subject, what, why, fix));
        refused.add(subject);
    }

    private static String abbreviate(String v) {
        return v.length() <= 80 ? v : v.substring(0, 77) + "...";
    }

    /** NAME or the contents of NAME_FILE. */
    public Optional<String> get(String name) {
        Optional<String> direct = raw(name);
        Optional<String> file = raw(name + "_FILE");
        if (direct.isPresent() && file.isPresent()) {
            report(Problem.of(name, "both " + name + " and " + name + "_FILE are set",
                    "pgctl cannot tell which one you mean",
                    "unset one of them: keep " + name + "_FILE=" + file.get() + " and remove " + name));
            return direct;
        }
        if (file.isEmpty() || refused.contains(name + "_FILE")) {
            return direct;
        }
        Path path = Path.of(file.get());
        try {
            String content = files.read(path);
            // one line ending, as echo and Windows editors write it; anything else is checked below
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            } else if (content.endsWith("\n")) {
                content = content.substring(0, content.length() - 1);
            }
            if (content.isEmpty()) {
                report(Problem.of(name + "_FILE", "the file " + path + " is empty",
                        name + " must not be empty", "echo -n 'value' > " + path));
                return Optional.empty();
            }
            if (checked.add(name + "_FILE content")) {
                check(name + "_FILE", content, Optional.of(path));
            }
            return Optional.of(content);
        } catch (IOException | RuntimeException e) {
            report(Problem.of(name + "_FILE", "cannot read " + path + " (" + describe(e) + ")",
                    "the value of " + name + " is read from this file",
                    "mount the file into the container, readable by the postgres user (uid 999 on Debian, 70 on Alpine),",
                    "for example: docker run -v ./secret:" + path + ":ro ..."));
            return Optional.empty();
        }
    }

    /** The contents of a file, or empty when it cannot be read (the caller reports it). */
    public Optional<String> readFile(Path path) {
        try {
            return Optional.of(files.read(path));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public Optional<Secret> secret(String name) {
        return get(name).map(Secret::new);
    }

    public String get(String name, String dflt) {
        return get(name).orElse(dflt);
    }

    /** Every variable whose name starts with the prefix, raw. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        vars.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "it is not UTF-8 text";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
