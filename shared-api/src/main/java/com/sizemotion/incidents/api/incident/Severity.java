package com.sizemotion.incidents.api.incident;

/** How bad an incident is: 1 is critical, 4 is low. Rendered to clients as {@code "Sev N"}. */
public enum Severity {
    SEV1, SEV2, SEV3, SEV4;

    public static Severity ofLevel(int level) {
        if (level < 1 || level > 4) {
            throw new IllegalArgumentException("severity level must be 1 to 4, was " + level);
        }
        return values()[level - 1];
    }

    public int level() {
        return ordinal() + 1;
    }

    public String label() {
        return "Sev " + level();
    }

    public boolean isMoreSevereThan(Severity other) {
        return level() < other.level();
    }
}
