package dev.pgctl.config;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Optional;

/** Parses restore target times: ISO-8601 or PostgreSQL style, always with a zone. */
public final class RestoreTimes {
    private static final DateTimeFormatter PG = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[ ]['T']HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("[XXX][XX][X]")
            .toFormatter();

    /** The form pgBackRest and PostgreSQL read: 2026-11-22 03:10:00.123+00:00. */
    public static final DateTimeFormatter TARGET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx");

    private RestoreTimes() {
    }

    public static Optional<OffsetDateTime> parse(String s) {
        String v = s.trim();
        if (v.endsWith("Z") || v.endsWith("z")) {
            v = v.substring(0, v.length() - 1) + "+00:00";
        }
        try {
            return Optional.of(OffsetDateTime.parse(v, PG));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
