package dev.pgctl.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

/**
 * pgctl's one JSON mapper: what it reads (pgBackRest's info, the root phase's handoff, job state)
 * and what it prints (every {@code --json}) go through the same configuration. Optional fields
 * are written as their value or null.
 */
public final class Json {
    /** Compact: files and pipes between pgctl's own processes. */
    public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new Jdk8Module());
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private Json() {
    }

    /** Indented, for {@code --json} output that people read as well as scripts. */
    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
