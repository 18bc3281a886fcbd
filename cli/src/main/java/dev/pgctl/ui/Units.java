package dev.pgctl.ui;

import java.util.Locale;

/** Sizes and ages as people read them, the same in every command's output. Pure. */
public final class Units {
    private Units() {
    }

    /** "512 B", "1.2 GiB": binary units, one decimal from KiB on. */
    public static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    /** "90 s", "12 min", "5 h", "3 days": whole units, the largest that still reads as at least 2 of them. */
    public static String age(long seconds) {
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min";
        }
        if (seconds < 172800) {
            return seconds / 3600 + " h";
        }
        return seconds / 86400 + " days";
    }
}
