package dev.pgctl.ui;

import dev.pgctl.problem.Problem;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jline.jansi.Ansi;

/**
 * Where pgctl talks to people. On a terminal: colour (unless NO_COLOR is
 * set) and no timestamps. Elsewhere (docker logs, cron, pipes): plain lines,
 * each with a UTC timestamp and the command's name.
 */
public final class Out {
    public enum Level { INFO, WARN, ERROR }

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final boolean colour;
    private final boolean redraw;
    private final String tag;

    /** A terminal here is one that can also redraw a line in place. */
    public Out(PrintStream out, PrintStream err, boolean terminal, boolean colour, String tag) {
        this(out, err, new Mode(terminal, colour, terminal), tag);
    }

    public Out(PrintStream out, PrintStream err, Mode mode, String tag) {
        this.out = out;
        this.err = err;
        this.terminal = mode.terminal();
        this.colour = mode.colour();
        this.redraw = mode.redraw();
        this.tag = tag;
    }

    /**
     * How pgctl writes for what it is attached to: a pure function, table-tested (OutTest).
     *
     * @param terminal lines for a person: no timestamps, and the progress line redrawn in place
     * @param colour   ANSI colour and bold (Jansi's escapes); never without a terminal
     * @param redraw   a progress line may be redrawn in place (carriage return, then the erase-line escape):
     *                 a terminal that is not TERM=dumb, whose terminfo has no erase-line capability
     */
    public record Mode(boolean terminal, boolean colour, boolean redraw) {
        /**
         * @param console whether stdin and stdout are a terminal ({@code System.console() != null}: the launcher
         *                sets jdk.console=java.base, whose console exists only then)
         * @param env     the environment: NO_COLOR set (to anything, even empty) or TERM=dumb means no colour
         */
        public static Mode of(boolean console, Map<String, String> env) {
            boolean dumb = "dumb".equals(env.get("TERM"));
            boolean colour = console && !env.containsKey("NO_COLOR") && !dumb;
            return new Mode(console, colour, console && !dumb);
        }
    }

    public static Out system(String tag) {
        Mode mode = Mode.of(System.console() != null, System.getenv());
        return new Out(System.out, System.err, mode, tag);
    }

    /** The same, with every log line on stderr: for --json, whose stdout is only the JSON document. */
    public Out logsToStderr() {
        return new Out(err, err, new Mode(terminal, colour, redraw), tag);
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

    public void info(String msg) {
        log(Level.INFO, msg);
    }

    public void warn(String msg) {
        log(Level.WARN, msg);
    }

    public void error(String msg) {
        log(Level.ERROR, msg);
    }

    /** A guided error: what, why, fix. */
    public void problem(Problem p) {
        log(Level.ERROR, p.render());
    }

    public void log(Level level, String msg) {
        PrintStream s = level == Level.INFO ? out : err;
        String[] lines = msg.split("\n", -1);
        String prefix = terminal ? "" : Instant.now().truncatedTo(ChronoUnit.SECONDS) + " pgctl[" + tag + "] ";
        String levelWord = switch (level) {
            case INFO -> "";
            case WARN -> style("WARNING", a -> a.fgYellow().bold()) + " ";
            case ERROR -> style("ERROR", a -> a.fgRed().bold()) + " ";
        };
        synchronized (this) {
            s.println(prefix + levelWord + lines[0]);
            for (int i = 1; i < lines.length; i++) {
                s.println(prefix + (levelWord.isEmpty() ? "" : "  ") + lines[i]);
            }
            s.flush();
        }
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

    /** The text in the style, then a reset; the text alone without colour (no escape at all). */
    private String style(String s, UnaryOperator<Ansi> st) {
        return colour ? st.apply(new Ansi()).a(s).reset().toString() : s;
    }
}
