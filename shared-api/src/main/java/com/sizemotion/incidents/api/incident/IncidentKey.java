package com.sizemotion.incidents.api.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Aggregate identifiers of incidents. An alert with an external id maps to
 * {@code incident-<team>-<sha256 of external id>-g<generation>}: every repeat while the incident
 * is unresolved reaches the same aggregate, and the generation moves on once it is resolved.
 * An alert without an external id gets a key of its own.
 */
public final class IncidentKey {

    private static final Pattern EXTERNAL_ID_KEY = Pattern.compile("^incident-\\d+-[0-9a-f]{64}-g(\\d+)$");

    private IncidentKey() {
    }

    public static String forExternalId(long teamId, String externalId, int generation) {
        return "incident-" + teamId + "-" + sha256(externalId) + "-g" + generation;
    }

    public static String unique() {
        return "incident-" + UUID.randomUUID();
    }

    /** The generation of a key made by {@link #forExternalId}; 0 for any other key. */
    public static int generationOf(String incidentKey) {
        Matcher matcher = EXTERNAL_ID_KEY.matcher(incidentKey);
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
