package com.sizemotion.incidents.command.integration;

import com.sizemotion.incidents.api.incident.Severity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one alert of a monitoring tool's webhook asks for, as that tool's payload mapper reads it.
 * The {@link #key()} is the external id of the alert's incident, namespaced by the tool
 * ({@code alertmanager:<fingerprint>}), so that two tools never share an incident.
 */
public sealed interface AlertAction {

    int KEY_MAX = 255;
    int TITLE_MAX = 255;
    int DESCRIPTION_MAX = 65_535;
    int TAGS_MAX = 20;
    int TAG_MAX = 50;

    String key();

    /** The team the payload itself names for this alert; {@code null} to use the request's {@code team_id}. */
    Long teamId();

    /**
     * Open an incident for the alert, or count a repeat of the open one. Text is fitted to the
     * limits of the incident API rather than refused: a tool cannot be asked to shorten its alerts.
     */
    record Open(String key, Long teamId, String title, Severity severity, String description,
                Map<String, Object> metadata, List<String> tags) implements AlertAction {

        public Open {
            title = truncate(title, TITLE_MAX);
            description = description == null || description.isBlank() ? null : truncate(description, DESCRIPTION_MAX);
            metadata = metadata == null ? Map.of() : metadata;
            tags = fit(tags);
        }
    }

    /** Resolve the alert's current incident. */
    record Resolve(String key, Long teamId) implements AlertAction {
    }

    /** Acknowledge the alert's current incident. */
    record Acknowledge(String key, Long teamId) implements AlertAction {
    }

    /** Reopen the alert's current incident if it is resolved. */
    record Reopen(String key, Long teamId) implements AlertAction {
    }

    /** Nothing to do for this alert, and why. */
    record Ignore(String key, String reason) implements AlertAction {

        @Override
        public Long teamId() {
            return null;
        }
    }

    /**
     * The external id for a tool's alert identity: {@code <tool>:<part>:<part>…}, or
     * {@code <tool>:sha256:<hex>} when that would not fit the {@value #KEY_MAX} characters of an external id.
     */
    static String key(String tool, String... parts) {
        String key = tool + ":" + String.join(":", parts);
        if (key.length() <= KEY_MAX) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return tool + ":sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The text, or its start and an ellipsis when it is longer than {@code max}; never cut inside a surrogate pair. */
    private static String truncate(String text, int max) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.length() <= max) {
            return trimmed;
        }
        int end = Character.isHighSurrogate(trimmed.charAt(max - 2)) ? max - 2 : max - 1;
        return trimmed.substring(0, end).trim() + "…";
    }

    /** At most {@value #TAGS_MAX} distinct tags of at most {@value #TAG_MAX} characters; longer ones are left out. */
    private static List<String> fit(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        Set<String> fitting = new LinkedHashSet<>();
        for (String tag : tags) {
            String trimmed = tag == null ? "" : tag.trim();
            if (!trimmed.isEmpty() && trimmed.length() <= TAG_MAX && fitting.size() < TAGS_MAX) {
                fitting.add(trimmed);
            }
        }
        return List.copyOf(new ArrayList<>(fitting));
    }
}
