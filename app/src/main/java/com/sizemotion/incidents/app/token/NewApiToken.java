package com.sizemotion.incidents.app.token;

import java.time.Instant;
import java.util.Set;

/** A validated request for a new token. {@code teamIds} is {@code null} for every team, {@code expiresAt} for never. */
record NewApiToken(String name, Set<Long> teamIds, int rateLimitPerMinute, Instant expiresAt) {
}
