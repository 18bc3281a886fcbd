package dev.pgctl.ui;

import dev.pgctl.config.Variable;
import dev.pgctl.json.Json;
import dev.pgctl.problem.Problem;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jline.jansi.Ansi;
import java.util.ArrayList;
import java.util.Collections;

/**
 * Where pgctl talks to people. On a terminal: colour (unless NO_COLOR is
 * set) and no timestamps. Elsewhere (docker logs, cron, pipes): plain lines,
 * each with a UTC timestamp and the command's name. With PGCTL_LOG_FORMAT=json:
 * every log line one JSON object ({@link #jsonLine}), on a terminal too, never a
 * colour or a redrawn progress line. Reports a command prints on stdout by request
 * ({@link #stdout()}: status, --json) are not log lines and stay as they are.
 */
public final class Out {
    public enum Level { INFO, WARN, ERROR }

    /**
     * PGCTL_LOG_FORMAT. Out is made before the Config, and before it can fail (its problems are log lines
     * too), so it reads this one variable itself, with the choices of the {@link Variable} table and compared
     * as ConfigLoader compares them (spaces at either end removed, any case). A value that
     * is not a choice means text here: ConfigLoader refuses it (exit 3), and that error must be printable.
     */
    public enum Format {
        TEXT, JSON;

        public static Format of(Map<String, String> env) {
            String v = env.getOrDefault(Variable.PGCTL_LOG_FORMAT.name(), "").replaceAll("^ +| +$", "")
                    .toLowerCase(Locale.ROOT);
            return Variable.PGCTL_LOG_FORMAT.allows(v) ? valueOf(v.toUpperCase(Locale.ROOT)) : TEXT;
        }
    }

    /**
     * What happened, for log shippers: an event name ({@code backup.done}) and its fields, written as fields
     * of the JSON line (in text mode only the message is written). Field names are snake_case; a value that
     * is null or an empty Optional is left out.
     */
    public record Event(String name, Map<String, Object> fields) {
        public Event {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        public static Event of(String name) {
            return new Event(name, Map.of());
        }

        public Event with(String key, Object value) {
            Object v = value instanceof Optional<?> o ? o.orElse(null) : value;
            if (v == null) {
                return this;
            }
            Map<String, Object> m = new LinkedHashMap<>(fields);
            m.put(key, v);
            return new Event(name, m);
        }

        /** The backup's pgBackRest label (20261122-030000F). */
        public Event label(Object label) {
            return with("label", label);
        }

        /** Seconds, with milliseconds. */
        public Event duration(Duration d) {
            return with("duration_seconds", d.toMillis() / 1000.0);
        }

        public Event bytes(Object bytes) {
            return with("bytes", bytes);
        }
    }

    /** The fields every JSON line starts with, in this order. */
    public static final List<String> REQUIRED_FIELDS = List.of("time", "level", "component", "message");
    private static final DateTimeFormatter JSON_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX")
            .withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final boolean colour;
    private final boolean redraw;
    private final boolean json;
    private final String tag;
    /** The progress line on the terminal now, shared by the Outs made from this one (same streams). */
    private final Progress progress;

    /** What the terminal's last line shows: a progress line drawn in place, or nothing (""). */
    private static final class Progress {
        private String shown = "";
    }

    /** A terminal here is one that can also redraw a line in place; text lines. */
    public Out(PrintStream out, PrintStream err, boolean terminal, boolean colour, String tag) {
        this(out, err, new Mode(terminal, colour, terminal), tag);
    }

    public Out(PrintStream out, PrintStream err, Mode mode, String tag) {
        this(out, err, mode, tag, new Progress());
    }

    private Out(PrintStream out, PrintStream err, Mode mode, String tag, Progress progress) {
        this.progress = progress;
        this.out = out;
        this.err = err;
        this.terminal = mode.terminal();
        this.colour = mode.colour();
        this.redraw = mode.redraw();
        this.json = mode.format() == Format.JSON;
        this.tag = tag;
    }

    /**
     * How pgctl writes for what it is attached to: a pure function, table-tested (OutTest).
     *
     * @param terminal lines for a person: no timestamps, and the progress line redrawn in place
     * @param colour   ANSI colour and bold (Jansi's escapes); never without a terminal
     * @param redraw   a progress line may be redrawn in place (carriage return, then the erase-line escape):
     *                 a terminal that is not TERM=dumb, whose terminfo has no erase-line capability
     * @param format   text lines, or one JSON object a line (PGCTL_LOG_FORMAT=json): then never colour nor
     *                 a redrawn line, whatever the terminal
     */
    public record Mode(boolean terminal, boolean colour, boolean redraw, Format format) {
        public Mode {
            if (format == Format.JSON && (colour || redraw)) {
                throw new IllegalArgumentException("JSON lines have neither colour nor a redrawn line");
            }
        }

        public Mode(boolean terminal, boolean colour, boolean redraw) {
            this(terminal, colour, redraw, Format.TEXT);
        }

        /**
         * @param console whether stdin and stdout are a terminal ({@code System.console() != null}: the launcher
         *                sets jdk.console=java.base, whose console exists only then)
         * @param env     the environment: NO_COLOR set (to anything, even empty) or TERM=dumb means no colour;
         *                PGCTL_LOG_FORMAT=json means JSON lines, and then no colour and no redrawn line either
         */
        public static Mode of(boolean console, Map<String, String> env) {
            Format format = Format.of(env);
            boolean lines = format == Format.JSON || "dumb".equals(env.get("TERM"));
            boolean colour = console && !env.containsKey("NO_COLOR") && !lines;
            return new Mode(console, colour, console && !lines, format);
        }
    }

    public static Out system(String tag) {
        Mode mode = Mode.of(System.console() != null, System.getenv());
        return new Out(System.out, System.err, mode, tag);
    }

    /** The same, with every log line on stderr: for --json, whose stdout is only the JSON document. */
    public Out logsToStderr() {
        return new Out(err, err, new Mode(terminal, colour, redraw, json ? Format.JSON : Format.TEXT), tag, progress);
    }

    /** The same, with lines of another component (the scheduler's restart loop). */
    public Out as(String component) {
        return new Out(out, err, new Mode(terminal, colour, redraw, json ? Format.JSON : Format.TEXT), component, progress);
    }

    public boolean isTerminal() {
        return terminal;
    }

    /** Whether a progress line may be redrawn in place here ({@link Mode#redraw}). */
    public boolean redraws() {
        return redraw;
    }

    public PrintStream stdout() {
        return out;
    }

    /** Whether log lines are JSON objects (PGCTL_LOG_FORMAT=json). */
    public boolean json() {
        return json;
    }

    public void info(String msg) {
        log(Level.INFO, msg);
    }

    public void warn(String msg) {
        log(Level.WARN, msg);
    }

    public void error(String msg) {
        log(Level.ERROR, msg);
    }

    /** A guided error: what, why, fix; one JSON object with {@code subject}, {@code why} and {@code fix} fields. */
    public void problem(Problem p) {
        if (!json) {
            log(Level.ERROR, p.render());
            return;
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("subject", p.subject());
        if (!p.why().isEmpty()) {
            f.put("why", p.why());
        }
        if (!p.fix().isEmpty()) {
            f.put("fix", p.fix());
        }
        write(Level.ERROR, tag, p.subject() + ": " + p.what(), f);
    }

    /**
     * Something that happened, with fields for log shippers: text mode writes the message alone (the event is
     * never built: it may ask a program for its fields); JSON mode adds {@code event} and the event's fields.
     */
    public void event(Level level, String message, Supplier<Event> event) {
        if (!json) {
            log(level, message);
            return;
        }
        Event e = event.get();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("event", e.name());
        f.putAll(e.fields());
        write(level, tag, message, f);
    }

    /**
     * A line of another program's output that pgctl passes on (pgBackRest's): "program: line" in text mode, a
     * line of component {@code program} in JSON mode, at the level the line says ({@link #levelOf}).
     */
    public void relay(String program, String line) {
        if (!json) {
            log(Level.INFO, program + ": " + line);
            return;
        }
        write(levelOf(line), program, line, Map.of());
    }

    /**
     * The level a program's line says near its start (pgBackRest's "P00   WARN: ...", "P00  ERROR: [055]: ...",
     * pg_basebackup's "pg_basebackup: error: ..."); INFO otherwise. Pure.
     */
    public static Level levelOf(String line) {
        String head = (line.length() > 32 ? line.substring(0, 32) : line).toLowerCase(Locale.ROOT);
        if (head.contains("error:") || head.contains("fatal:")) {
            return Level.ERROR;
        }
        return head.contains("warn:") || head.contains("warning:") ? Level.WARN : Level.INFO;
    }

    /**
     * A line for a shell to print later, with {@code timePlaceholder} where the time goes ({@code date -u
     * +%Y-%m-%dT%H:%M:%SZ} then replaces it): the scheduler's restart loop, which runs without a JVM.
     */
    public String lineTemplate(Level level, String msg, String timePlaceholder) {
        if (json) {
            return jsonLine(timePlaceholder, level, tag, msg, Map.of());
        }
        return textLines(timePlaceholder + " pgctl[" + tag + "] ", level, msg).get(0);
    }

    public void log(Level level, String msg) {
        if (json) {
            write(level, tag, msg, Map.of());
            return;
        }
        PrintStream s = level == Level.INFO ? out : err;
        String prefix = terminal ? "" : Instant.now().truncatedTo(ChronoUnit.SECONDS) + " pgctl[" + tag + "] ";
        List<String> lines = textLines(prefix, level, msg);
        synchronized (progress) {
            aboveProgress(() -> {
                lines.forEach(s::println);
                s.flush();
            });
        }
    }

    /**
     * Draws the progress line: the terminal's last line, redrawn in place (carriage return, the text, erase to the
     * end of the line); "" takes it away. Log lines printed while it shows go above it ({@link #log}): the line is
     * erased, the log lines printed, and the progress line drawn again below them, so neither ever overwrites or
     * splits the other. Writes nothing where lines cannot be redrawn ({@link #redraws()}); returns whether it wrote.
     */
    public boolean progress(String text) {
        if (!redraw) {
            return false;
        }
        synchronized (progress) {
            if (text.isEmpty() && progress.shown.isEmpty()) {
                return true;
            }
            out.print(ProgressLine.redraw(text));
            out.flush();
            progress.shown = text;
        }
        return true;
    }

    /** Runs {@code print} with the progress line (if one shows) taken away first and drawn again after. */
    private void aboveProgress(Runnable print) {
        if (progress.shown.isEmpty()) {
            print.run();
            return;
        }
        out.print(ProgressLine.redraw(""));
        out.flush();
        print.run();
        out.print(ProgressLine.redraw(progress.shown));
        out.flush();
    }

    private List<String> textLines(String prefix, Level level, String msg) {
        String[] lines = msg.split("\n", -1);
        String levelWord = switch (level) {
            case INFO -> "";
            case WARN -> style("WARNING", a -> a.fgYellow().bold()) + " ";
            case ERROR -> style("ERROR", a -> a.fgRed().bold()) + " ";
        };
        List<String> text = new ArrayList<>();
        text.add(prefix + levelWord + lines[0]);
        for (int i = 1; i < lines.length; i++) {
            text.add(prefix + (levelWord.isEmpty() ? "" : "  ") + lines[i]);
        }
        return text;
    }

    /** One JSON line on stderr for warnings and errors, stdout otherwise (as text lines). */
    private void write(Level level, String component, String msg, Map<String, Object> fields) {
        String line = jsonLine(JSON_TIME.format(Instant.now()), level, component, msg, fields);
        PrintStream s = level == Level.INFO ? out : err;
        synchronized (progress) {
            s.println(line);
            s.flush();
        }
    }

    /**
     * One log line as JSON: time (UTC, ISO-8601), level (info, warn, error), component (the pgctl command, or
     * the program whose line it is), message (newlines kept, as JSON escapes), then the fields. Pure.
     */
    public static String jsonLine(String time, Level level, String component, String msg, Map<String, Object> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", time);
        m.put("level", level.name().toLowerCase(Locale.ROOT));
        m.put("component", component);
        m.put("message", msg);
        fields.forEach(m::putIfAbsent);
        return Json.line(m);
    }

    /** Emphasis on a terminal, plain text elsewhere. */
    public String bold(String s) {
        return style(s, Ansi::bold);
    }

    public String green(String s) {
        return style(s, Ansi::fgGreen);
    }

    public String red(String s) {
        return style(s, a -> a.fgRed().bold());
    }

    public String yellow(String s) {
        return style(s, Ansi::fgYellow);
    }

    /**
     * The text in the style, then a reset; the text alone without colour (no escape at all). A style never spans a
     * line break: each line of the text is styled and reset on its own, so a line printed alone (or cut off by the
     * terminal) never leaves a colour on for the next.
     */
    private String style(String s, UnaryOperator<Ansi> st) {
        if (!colour) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        String[] lines = s.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                sb.append('\n');
            }
            if (!lines[i].isEmpty()) {
                sb.append(st.apply(new Ansi()).a(lines[i]).reset());
            }
        }
        return sb.toString();
    }
}
