package dev.pgctl.ui;

import dev.pgctl.status.StatusText;
import java.util.Locale;

/**
 * One line of progress that a terminal redraws in place (carriage return, erase to the end of the
 * line); elsewhere (docker logs, cron) pgctl logs a plain line every 10 seconds instead.
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
                    .append(String.format(Locale.ROOT, " %3d%%  %s of %s", pct, StatusText.bytes(done), StatusText.bytes(total)));
        } else {
            sb.append("  ").append(StatusText.bytes(done));
        }
        sb.append("  ").append(seconds).append(" s");
        return sb.length() > width && width > 0 ? sb.substring(0, width) : sb.toString();
    }

    /** The escape sequence that redraws the current terminal line with the text. */
    public static String redraw(String text) {
        return "\r" + text + "\u001b[K";
    }
}
