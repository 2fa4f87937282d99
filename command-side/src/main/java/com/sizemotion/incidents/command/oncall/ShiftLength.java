package com.sizemotion.incidents.command.oncall;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The length of one shift: an ISO-8601 duration of weeks, days, hours, minutes and seconds
 * ({@code PT8H}, {@code P1D}, {@code P7D}, {@code P1DT12H}), at least an hour, counted on the
 * schedule zone's wall clock. Years and months are refused: their length varies.
 *
 * @param wallClock the length on the wall clock: a day is 24 wall-clock hours, however long the
 *                  day really is when daylight-saving time begins or ends
 */
public record ShiftLength(Duration wallClock) {

    static final Duration MINIMUM = Duration.ofHours(1);
    static final String RULE = "an ISO-8601 duration of weeks, days, hours or minutes of at least one hour, "
            + "such as PT8H, P1D or P7D";

    private static final Pattern ISO = Pattern.compile(
            "P(?:(\\d{1,4})W)?(?:(\\d{1,5})D)?(?:T(?=\\d)(?:(\\d{1,6})H)?(?:(\\d{1,8})M)?(?:(\\d{1,10})S)?)?");

    /** The shift length written as {@code text}, or empty when it is not one. */
    public static Optional<ShiftLength> parse(String text) {
        Matcher matcher = ISO.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Duration length = Duration.ofDays(7 * number(matcher.group(1)) + number(matcher.group(2)))
                .plusHours(number(matcher.group(3)))
                .plusMinutes(number(matcher.group(4)))
                .plusSeconds(number(matcher.group(5)));
        return length.compareTo(MINIMUM) < 0 ? Optional.empty() : Optional.of(new ShiftLength(length));
    }

    /** The shift length of a layer that was validated when the schedule was changed. */
    static ShiftLength of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not a shift length: " + text));
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
