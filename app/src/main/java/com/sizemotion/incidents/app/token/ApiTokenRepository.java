package com.sizemotion.incidents.app.token;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The {@code api_token} table and each token's team scope. */
@Repository
class ApiTokenRepository {

    /** Every column of {@code api_token}, once per team of the token's scope (once with a null team for all teams). */
    private static final String WITH_TEAMS = """
            SELECT t.*, s.team_id FROM api_token t LEFT JOIN api_token_team s ON s.token_id = t.id AND NOT t.all_teams""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ApiTokenRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    @Transactional
    long insert(String tokenHash, String tokenPrefix, NewApiToken token, Instant createdAt) {
        KeyHolder keyHolder = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO api_token (name, token_hash, token_prefix, all_teams, rate_limit_per_minute,
                            created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(token.name(), tokenHash, tokenPrefix, token.teamIds() == null, token.rateLimitPerMinute(),
                        Timestamp.from(createdAt), timestamp(token.expiresAt()))
                .update(keyHolder, "id");
        long id = keyHolder.getKeyAs(Long.class);
        insertTeams(id, token.teamIds());
        return id;
    }

    Optional<ApiToken> findByHash(String tokenHash) {
        return jdbc.sql(WITH_TEAMS + " WHERE t.token_hash = ?").param(tokenHash).query(ApiTokenRepository::tokens)
                .stream().findFirst();
    }

    Optional<ApiToken> findById(long id) {
        return jdbc.sql(WITH_TEAMS + " WHERE t.id = ?").param(id).query(ApiTokenRepository::tokens).stream().findFirst();
    }

    List<ApiToken> findAll() {
        return jdbc.sql(WITH_TEAMS + " ORDER BY t.id").query(ApiTokenRepository::tokens);
    }

    /** Applies {@code change} to the token under a row lock, so that concurrent changes never lose one another. */
    @Transactional
    Optional<ApiToken> update(long id, UnaryOperator<ApiToken> change) {
        // the row lock first: a concurrent change waits here, then reads what this one wrote
        jdbc.sql("SELECT id FROM api_token WHERE id = ? FOR UPDATE").param(id).query(Long.class).optional();
        return findById(id).map(change).map(changed -> {
            jdbc.sql("UPDATE api_token SET name = ?, all_teams = ?, rate_limit_per_minute = ?, limit_version = ? WHERE id = ?")
                    .params(changed.name(), changed.teamIds() == null, changed.rateLimitPerMinute(),
                            changed.limitVersion(), id)
                    .update();
            jdbc.sql("DELETE FROM api_token_team WHERE token_id = ?").param(id).update();
            insertTeams(id, changed.teamIds());
            return changed;
        });
    }

    /** Revokes the token unless it already is; the first revocation time stays. */
    Optional<ApiToken> revoke(long id, Instant at) {
        jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(at), id).update();
        return findById(id);
    }

    /** One batch for all tokens; a time older than the stored one (a lagging node) changes nothing. */
    void recordLastUsed(Map<Long, Instant> lastUsed) {
        List<Object[]> rows = lastUsed.entrySet().stream()
                .map(use -> new Object[]{Timestamp.from(use.getValue()), use.getKey(), Timestamp.from(use.getValue())})
                .toList();
        batch.batchUpdate("UPDATE api_token SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
                rows);
    }

    private void insertTeams(long tokenId, Set<Long> teamIds) {
        if (teamIds == null) {
            return;
        }
        for (long teamId : teamIds) {
            jdbc.sql("INSERT INTO api_token_team (token_id, team_id) VALUES (?, ?)").params(tokenId, teamId).update();
        }
    }

    /**
     * The tokens of a {@link #WITH_TEAMS} result, one row per (token, team), in the rows' order. One
     * query per look-up: a query per token from inside the row mapper would hold this connection
     * while asking the pool for another, and under load every connection ends up waiting for one.
     */
    private static List<ApiToken> tokens(ResultSet rs) throws SQLException {
        Map<Long, ApiToken> tokens = new LinkedHashMap<>();
        while (rs.next()) {
            long id = rs.getLong("id");
            ApiToken token = tokens.get(id);
            if (token == null) {
                token = new ApiToken(id, rs.getString("name"), rs.getString("token_prefix"),
                        rs.getBoolean("all_teams") ? null : new HashSet<>(), rs.getInt("rate_limit_per_minute"),
                        rs.getLong("limit_version"), instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("expires_at")),
                        instant(rs.getTimestamp("revoked_at")));
                tokens.put(id, token);
            }
            long teamId = rs.getLong("team_id");
            if (!rs.wasNull() && token.teamIds() != null) {
                token.teamIds().add(teamId);
            }
        }
        return List.copyOf(tokens.values());
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
