package dev.pgctl.pg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Several questions to PostgreSQL in one psql session instead of one psql each: a psql costs about 30 ms of
 * process start and connection on its own, and side by side on two cores six of them took 60 to 280 ms each
 * (pgctl status, measured with a trace). Each answer is framed by marker lines that psql prints between the
 * statements ({@code -c} given once per statement; ON_ERROR_STOP ends the session at the first failing one), so an
 * answer counts only when the marker after it arrived: a failed question, and every question after it, has no
 * answer, as a failed psql of its own had none.
 *
 * <p>A marker is the ASCII record separator (0x1e) followed by the question's name. No answer can hold that
 * character where a line starts: the queries print numbers, LSNs, times and names PostgreSQL stores, and
 * application_name, the one value a client chooses, has every non-printable character replaced by {@code ?}.
 */
public final class Questions {
    /** The character that starts a marker line. */
    static final char MARK = '\u001e';
    private static final String END = "end";

    /** One question: its name (an answer's key) and one SQL statement. */
    public record Question(String name, String sql) {
        public Question {
            if (name.isEmpty() || name.equals(END) || name.contains("'") || name.contains("\n")) {
                throw new IllegalArgumentException("question name: " + name);
            }
        }
    }

    private Questions() {
    }

    /** psql's arguments after its connection options: a marker before each statement, and one after the last. Pure. */
    static List<String> arguments(List<Question> questions) {
        List<String> args = new ArrayList<>();
        for (Question q : questions) {
            args.add("-c");
            args.add(marker(q.name()));
            args.add("-c");
            args.add(q.sql());
        }
        args.add("-c");
        args.add(marker(END));
        return args;
    }

    private static String marker(String name) {
        return "select chr(30) || '" + name + "'";
    }

    /** The answers in psql's output: each question's lines, present only when the marker after them arrived. Pure. */
    static Map<String, String> answers(String stdout) {
        Map<String, String> answers = new LinkedHashMap<>();
        String current = null;
        StringBuilder lines = new StringBuilder();
        for (String line : stdout.split("\n", -1)) {
            if (!line.isEmpty() && line.charAt(0) == MARK) {
                if (current != null) {
                    answers.put(current, lines.toString());
                }
                current = line.substring(1);
                lines.setLength(0);
            } else if (current != null) {
                lines.append(line).append('\n');
            }
        }
        // the text after the last marker has no marker after it: the end marker itself, or a question that failed
        return answers;
    }

    /** What one session answered. */
    public record Answers(Map<String, String> byName) {
        public Answers {
            byName = Map.copyOf(byName);
        }

        /** The rows of that question (lines, columns separated by '|'); empty when it was not answered. */
        public Optional<String> get(String name) {
            return Optional.ofNullable(byName.get(name));
        }

        /** The single value of a one-row, one-column question. */
        public Optional<String> value(String name) {
            return get(name).map(String::strip);
        }

        public static final Answers NONE = new Answers(Map.of());
    }
}
