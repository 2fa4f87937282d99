package com.sizemotion.incidents.query.incident;

import java.util.Optional;

/** Incident ids as they arrive in paths: anything that is not a number names no incident (404, not 400). */
final class IncidentIds {

    private IncidentIds() {
    }

    static Optional<Long> parse(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
