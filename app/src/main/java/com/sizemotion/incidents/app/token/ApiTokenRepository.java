package com.sizemotion.incidents.app.token;

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
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The {@code api_token} table and each token's team scope. */
@Repository
class ApiTokenRepository {

    private final JdbcClient jdbc;

    ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    long insert(String name, String tokenHash, String tokenPrefix, Set<Long> teamIds, int rateLimitPerMinute,
                Instant createdAt, Instant expiresAt) {
        KeyHolder keyHolder = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO api_token (name, token_hash, token_prefix, all_teams, rate_limit_per_minute,
                            created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(name, tokenHash, tokenPrefix, teamIds == null, rateLimitPerMinute, Timestamp.from(createdAt),
                        expiresAt == null ? null : Timestamp.from(expiresAt))
                .update(keyHolder, "id");
        long id = keyHolder.getKeyAs(Long.class);
        if (teamIds != null) {
            for (long teamId : teamIds) {
                jdbc.sql("INSERT INTO api_token_team (token_id, team_id) VALUES (?, ?)").params(id, teamId).update();
            }
        }
        return id;
    }

    Optional<ApiToken> findByHash(String tokenHash) {
        return jdbc.sql("SELECT * FROM api_token WHERE token_hash = ?").param(tokenHash)
                .query(this::token).optional();
    }

    Optional<ApiToken> findById(long id) {
        return jdbc.sql("SELECT * FROM api_token WHERE id = ?").param(id).query(this::token).optional();
    }

    List<ApiToken> findAll() {
        return jdbc.sql("SELECT * FROM api_token ORDER BY id").query(this::token).list();
    }

    private ApiToken token(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        return new ApiToken(id, rs.getString("name"), rs.getString("token_prefix"),
                rs.getBoolean("all_teams") ? null : teamsOf(id), rs.getInt("rate_limit_per_minute"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("revoked_at")));
    }

    private Set<Long> teamsOf(long tokenId) {
        return new HashSet<>(jdbc.sql("SELECT team_id FROM api_token_team WHERE token_id = ?").param(tokenId)
                .query(Long.class).list());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
