package com.sizemotion.incidents.api.web;

import java.time.Instant;

/**
 * The instants the API accepts: from 1970 to the end of year 9999, which Java, JDBC and
 * PostgreSQL's {@code timestamp} all hold and ISO-8601 writes with four-digit years.
 */
public final class InstantRange {

    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private InstantRange() {
    }

    public static boolean contains(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** The message for an instant outside the range, naming the field as the API document does. */
    public static String message(String field) {
        return "The " + field + " must be between " + EARLIEST + " and " + LATEST + ".";
    }
}
