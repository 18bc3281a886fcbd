package dev.pgctl.ui;

import java.util.Locale;

/**
 * One line of progress that a terminal redraws in place (carriage return, erase to the end of the
 * line); elsewhere (docker logs, cron, and a TERM=dumb terminal, which cannot erase a line) the
 * commands log plain lines instead, or nothing.
 */
public final class ProgressLine {
    private ProgressLine() {
    }

    /** "backup  [#########-----------]  45%  1.2 GiB of 2.6 GiB  12 s"; without a total, bytes only. Pure. */
    public static String render(String what, long done, long total, long seconds, int width) {
        StringBuilder sb = new StringBuilder(what);
        if (total > 0) {
            int pct = (int) Math.min(100, done * 100 / total);
            int bar = Math.max(10, Math.min(30, width - what.length() - 45));
            int filled = pct * bar / 100;
            sb.append("  [").append("#".repeat(filled)).append("-".repeat(bar - filled)).append(']')
                    .append(String.format(Locale.ROOT, " %3d%%  %s of %s", pct, Units.bytes(done), Units.bytes(total)));
        } else {
            sb.append("  ").append(Units.bytes(done));
        }
        sb.append("  ").append(seconds).append(" s");
        return sb.length() > width && width > 0 ? sb.substring(0, width) : sb.toString();
    }

    /**
     * Redraws the current terminal line with the text where {@code out} can ({@link Out#redraws()});
     * writes nothing elsewhere. Returns whether it wrote.
     */
    public static boolean draw(Out out, String text) {
        return out.progress(text);
    }

    /** The escape sequence that redraws the current terminal line with the text. */
    public static String redraw(String text) {
        return "\r" + text + "\u001b[K";
    }
}
