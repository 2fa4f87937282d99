package com.sizemotion.incidents.api.web;

/**
 * The text the service accepts: any Unicode text except U+0000, which PostgreSQL's {@code text} and
 * {@code jsonb} cannot hold, and lone UTF-16 surrogates, which are not Unicode at all. Requests of
 * the API that carry such text are refused; payloads of monitoring tools are {@link #clean cleaned}.
 */
public final class StorableText {

    public static final char REPLACEMENT = '\uFFFD';

    private StorableText() {
    }

    public static boolean isStorable(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (unstorableAt(text, i)) {
                return false;
            }
            if (Character.isHighSurrogate(text.charAt(i))) {
                i++;
            }
        }
        return true;
    }

    /** The text with every U+0000 and every lone surrogate replaced by U+FFFD, the Unicode replacement character. */
    public static String clean(String text) {
        if (text == null || isStorable(text)) {
            return text;
        }
        StringBuilder cleaned = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (unstorableAt(text, i)) {
                cleaned.append(REPLACEMENT);
            } else if (Character.isHighSurrogate(text.charAt(i))) {
                cleaned.append(text, i, i + 2);
                i++;
            } else {
                cleaned.append(text.charAt(i));
            }
        }
        return cleaned.toString();
    }

    /** The message for a field whose text is not storable, in the words of the API document. */
    public static String message(String field) {
        return "The " + field + " must not contain NUL characters or invalid Unicode.";
    }

    /** Whether the char at {@code i} is U+0000 or a surrogate that is not half of a pair starting at or ending at {@code i}. */
    private static boolean unstorableAt(CharSequence text, int i) {
        char c = text.charAt(i);
        if (c == 0) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        return Character.isLowSurrogate(c);
    }
}
