package dev.pgctl.render;

import dev.pgctl.text.SafeText;

/**
 * The renderers' second line of defence: ConfigLoader and the restore option checks refuse bad
 * values with a guided problem first, but a value that reaches a renderer some other way still
 * cannot add a line (or a field) of its own to a file. The exception names the file and the key,
 * never the value (it may be a secret).
 */
public final class SafeValue {
    private SafeValue() {
    }

    /** A value that stays on its line: no character {@link SafeText} refuses. */
    public static String line(String file, String key, String value) {
        int i = SafeText.unsafeAt(value);
        if (i >= 0) {
            throw refused(file, key, "holds " + SafeText.describeAt(value, i));
        }
        return value;
    }

    /**
     * A value of pgbackrest.conf, which has no quoting: one line, and no white space at either end
     * (pgBackRest drops it, so the value read back would differ from the one written).
     */
    public static String ini(String key, String value) {
        line("pgbackrest.conf", key, value);
        if (!value.equals(value.strip())) {
            throw refused("pgbackrest.conf", key, "starts or ends with white space, which pgBackRest would drop");
        }
        return value;
    }

    /**
     * One field of pg_hba.conf written without quotes: one line, and no white space, comma, quote or
     * {@code #}, which would split it, make it a list or start a comment.
     */
    public static String hbaToken(String key, String value) {
        line("pg_hba.conf", key, value);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || c == ',' || c == '"' || c == '#') {
                throw refused("pg_hba.conf", key, "holds " + (c == ' ' ? "a space" : "'" + c + "'") + " at position " + (i + 1)
                        + " of " + value.length());
            }
        }
        if (value.isEmpty()) {
            throw refused("pg_hba.conf", key, "is empty");
        }
        return value;
    }

    private static IllegalArgumentException refused(String file, String key, String why) {
        return new IllegalArgumentException("refusing to write " + key + " into " + file + ": the value " + why
                + " (its value is not shown); this is a bug in pgctl's validation, please report it");
    }
}
