package com.sizemotion.incidents.api.incident;

import java.util.Arrays;
import java.util.Optional;

/** Where an incident is in its life. Clients see the lower-case name. */
public enum IncidentStatus {
    OPEN, ACKNOWLEDGED, RESOLVED;

    public String wireName() {
        return name().toLowerCase();
    }

    public static Optional<IncidentStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
    }
}
