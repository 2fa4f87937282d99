package com.sizemotion.incidents.command.integration;

import com.sizemotion.incidents.api.incident.Severity;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the severity and priority names monitoring tools use: {@code 1}–{@code 4}, {@code P1}–{@code P5},
 * {@code sev1}–{@code sev4} ({@code Sev 2}, {@code SEV-2}), and words such as {@code critical}.
 * Level 5, which some tools have, is our lowest severity, 4.
 */
public final class SeverityNames {

    private static final Pattern LEVEL = Pattern.compile("^(?:p|sev)?[\\s-]*([1-5])$");

    private SeverityNames() {
    }

    /** The severity a name stands for: a level, or one of {@code words} (lower case); empty for anything else. */
    public static Optional<Severity> parse(String name, Map<String, Severity> words) {
        if (name == null) {
            return Optional.empty();
        }
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = LEVEL.matcher(normalized);
        if (matcher.matches()) {
            return Optional.of(Severity.ofLevel(Math.min(4, Integer.parseInt(matcher.group(1)))));
        }
        return Optional.ofNullable(words.get(normalized));
    }
}
