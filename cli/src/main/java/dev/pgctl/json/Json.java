package dev.pgctl.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * pgctl's one JSON mapper: what it reads (pgBackRest's info, the root phase's handoff, job state)
 * and what it prints (every {@code --json}) go through the same configuration. Optional fields
 * are written as their value or null.
 */
public final class Json {
    /** Compact: files and pipes between pgctl's own processes. */
    public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new Jdk8Module());
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();
    private static final ObjectWriter LINE = MAPPER.writer().with(new ControlEscapes());

    private Json() {
    }

    /**
     * One line of JSON, for log lines: compact, and every control character written as an escape, so that
     * nothing from the environment or a program's output starts a line or moves a terminal's cursor. JSON
     * itself requires that for C0 (U+0000 to U+001F); here also DEL, the C1 controls (U+0080 to U+009F) and
     * the Unicode line and paragraph separators, which some log readers take as line ends.
     */
    public static String line(Object value) {
        try {
            return LINE.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * A record pgctl keeps in a file (its run directory's state files), or {@code otherwise} when there is none
     * or it cannot be read: such a file is never a reason to stop.
     */
    public static <T> T readFile(Path file, Class<T> type, T otherwise) {
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (IOException | RuntimeException e) {
            return otherwise;
        }
    }

    /**
     * Writes {@code value} to {@code dir/name} atomically: through a hidden temporary file in the same directory
     * and a rename, so that a reader sees the old or the new content, never half of one.
     */
    public static void writeAtomically(Path dir, String name, Object value) throws IOException {
        Path tmp = dir.resolve("." + name + ".tmp");
        MAPPER.writeValue(tmp.toFile(), value);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Indented, for {@code --json} output that people read as well as scripts. */
    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Jackson's standard escapes, plus backslash-u escapes for DEL, C1 and U+2028/U+2029 (see {@link #line}). */
    private static final class ControlEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii;

        ControlEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if ((ch >= 0x80 && ch <= 0x9f) || ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
