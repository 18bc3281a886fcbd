package dev.pgctl.ui;

import dev.pgctl.problem.Problem;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

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
    private final String tag;

    public Out(PrintStream out, PrintStream err, boolean terminal, boolean colour, String tag) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.colour = colour;
        this.tag = tag;
    }

    public static Out system(String tag) {
        boolean terminal = System.console() != null;
        boolean colour = terminal && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
        return new Out(System.out, System.err, terminal, colour, tag);
    }

    /** The same, with every log line on stderr: for --json, whose stdout is only the JSON document. */
    public Out logsToStderr() {
        return new Out(err, err, terminal, colour, tag);
    }

    public boolean isTerminal() {
        return terminal;
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
            case WARN -> style("WARNING", AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW).bold()) + " ";
            case ERROR -> style("ERROR", AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).bold()) + " ";
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
        return style(s, AttributedStyle.BOLD);
    }

    public String green(String s) {
        return style(s, AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN));
    }

    public String red(String s) {
        return style(s, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).bold());
    }

    public String yellow(String s) {
        return style(s, AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW));
    }

    private String style(String s, AttributedStyle st) {
        return colour ? new AttributedString(s, st).toAnsi() : s;
    }
}
