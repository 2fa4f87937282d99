package com.sizemotion.incidents.app.token;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;

/** A token as the Admin Settings page shows it. */
record ApiTokenRow(long id, String name, String tokenPrefix, String scope, int rateLimitPerMinute,
                   Instant lastUsedAt, ApiToken.Status status) {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    static ApiTokenRow of(ApiToken token, Map<Long, String> teamNames, Instant now) {
        String scope = token.teamIds() == null ? "All teams" : token.teamIds().stream().sorted()
                .map(id -> teamNames.getOrDefault(id, "Team") + " (#" + id + ")")
                .collect(Collectors.joining(", "));
        return new ApiTokenRow(token.id(), token.name(), token.tokenPrefix(), scope, token.rateLimitPerMinute(),
                token.lastUsedAt(), token.statusAt(now));
    }

    public String lastUsed() {
        return lastUsedAt == null ? "Never" : SHOWN.format(lastUsedAt);
    }

    public String statusLabel() {
        return switch (status) {
            case ACTIVE -> "Active";
            case REVOKED -> "Revoked";
            case EXPIRED -> "Expired";
        };
    }

    public boolean revocable() {
        return status != ApiToken.Status.REVOKED;
    }
}
