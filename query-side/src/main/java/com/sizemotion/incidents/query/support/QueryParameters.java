package com.sizemotion.incidents.query.support;

import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.api.web.InstantRange;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/** Reading query parameters the same way on every read endpoint; problems go to {@link FieldErrors}. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** Reports each parameter that is not one of {@code known}, so that a misspelt filter is not silently ignored. */
    public static void rejectUnknown(Map<String, String> parameters, Set<String> known, FieldErrors errors) {
        parameters.keySet().stream().filter(name -> !known.contains(name))
                .forEach(name -> errors.add(name, "The " + name + " parameter is not a recognised parameter."));
    }

    /** An ISO-8601 instant, or a plain date meaning its start (UTC); {@code null} when not given. */
    public static Instant instantOrDate(String value, String name, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            String text = value.trim();
            instant = text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(name, "The " + label(name) + " must be an ISO-8601 instant (2026-11-20T03:12:00Z) or a date (2026-11-20).");
            return null;
        }
        return inRange(instant, name, errors);
    }

    /** The instant, when {@link InstantRange} holds it; otherwise {@code null} and an error. */
    public static Instant inRange(Instant instant, String name, FieldErrors errors) {
        if (!InstantRange.contains(instant)) {
            errors.add(name, InstantRange.message(label(name)));
            return null;
        }
        return instant;
    }

    private static String label(String name) {
        return name.replace('_', ' ');
    }
}
