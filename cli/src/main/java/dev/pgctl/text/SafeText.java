package dev.pgctl.text;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which characters a value may hold so that every file pgctl writes from it stays one line per
 * value. Pure; used by {@link Env} for every variable and every {@code *_FILE} content, by the
 * command-line options of {@code pgctl restore}, and by the renderers as their second line of
 * defence.
 *
 * <p>Refused everywhere: every control character (C0 including TAB, CR and LF, DEL and C1), the
 * Unicode line and paragraph separators, a lone UTF-16 surrogate, and U+FFFD (what bytes that are
 * not UTF-8 decode to). TAB is refused too: no value pgctl reads is meant to hold one, pgBackRest
 * strips it at either end of a value in pgbackrest.conf (so a secret would change silently), and
 * pg_hba.conf and the crontab split fields on it.
 */
public final class SafeText {
    /**
     * A path that can go into every file and command line pgctl writes without quoting: letters,
     * digits and {@code / . _ - + @ =}. pg_hba.conf splits on spaces and commas, pgbackrest.conf
     * has no quoting, pg_ctl start runs the server through /bin/sh ({@code -D "DIR"}: the shell reads
     * {@code $ ` " \}), PostgreSQL runs restore_command through /bin/sh, and unix_socket_directories
     * is a comma-separated list.
     */
    public static final Pattern PATH = Pattern.compile("/[A-Za-z0-9/._+@=-]*");

    /** The characters {@link #PATH} allows, for messages. */
    public static final String PATH_CHARACTERS = "letters, digits and / . _ - + @ =";

    private SafeText() {
    }

    /** The index of the first character no file pgctl writes can carry, or -1. */
    public static int unsafeAt(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\uFFFD') {
                return i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** True when {@link #unsafeAt} finds nothing. */
    public static boolean safe(String s) {
        return unsafeAt(s) < 0;
    }

    /** "a newline (\n) at position 10": what the character is and where (1-based), never the value. */
    public static String describeAt(String s, int i) {
        return name(s.charAt(i)) + " at position " + (i + 1) + " of " + s.length();
    }

    /** A character's name for messages. */
    public static String name(char c) {
        return switch (c) {
            case '\n' -> "a newline (\\n)";
            case '\r' -> "a carriage return (\\r)";
            case '\t' -> "a tab (\\t)";
            case '\0' -> "a NUL character (\\0)";
            case '\u001b' -> "an escape character (\\e)";
            case '\u2028' -> "a Unicode line separator (U+2028)";
            case '\u2029' -> "a Unicode paragraph separator (U+2029)";
            case '\uFFFD' -> "a replacement character (U+FFFD, what bytes that are not UTF-8 become)";
            default -> Character.isSurrogate(c) ? String.format("a lone UTF-16 surrogate (U+%04X)", (int) c)
                    : String.format("a control character (U+%04X)", (int) c);
        };
    }

    /** The text with every unsafe character written as an escape (\n, \r, \t, \\u0007), so it prints on one line. */
    public static String visible(String s) {
        if (safe(s)) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair) {
                sb.append(c).append(s.charAt(++i));
            } else if (!safe(String.valueOf(c))) {
                sb.append(switch (c) {
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    default -> String.format("\\u%04x", (int) c);
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Why a path cannot be used in pgctl's files, or empty when it can: it must be absolute and made
     * of {@link #PATH_CHARACTERS} only.
     */
    public static Optional<String> pathDefect(String path) {
        if (!path.startsWith("/")) {
            return Optional.of("is not an absolute path");
        }
        if (PATH.matcher(path).matches()) {
            return Optional.empty();
        }
        for (int i = 0; i < path.length(); i = path.offsetByCodePoints(i, 1)) {
            String ch = new String(Character.toChars(path.codePointAt(i)));
            if (!PATH.matcher("/" + ch).matches()) {
                String what = safe(ch) ? (ch.equals(" ") ? "a space" : "'" + ch + "'") : name(ch.charAt(0));
                return Optional.of("holds " + what + " at position " + (i + 1) + "; paths pgctl writes into configuration "
                        + "files and shell commands may hold only " + PATH_CHARACTERS);
            }
        }
        return Optional.of("is not a plain path");
    }
}
