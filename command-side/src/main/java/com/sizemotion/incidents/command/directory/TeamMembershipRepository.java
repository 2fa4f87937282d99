package com.sizemotion.incidents.command.directory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code team_member} table: who belongs to which team. */
@Repository
public class TeamMembershipRepository {

    private final JdbcClient jdbc;

    TeamMembershipRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code true} when the user became a member, {@code false} when it was one already. */
    boolean add(long teamId, long userId, Instant at) {
        return jdbc.sql("INSERT INTO team_member (team_id, user_id, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(teamId, userId, Timestamp.from(at))
                .update() == 1;
    }

    List<UserAccount> members(long teamId) {
        return jdbc.sql("""
                        SELECT u.id, u.name, u.email FROM team_member m JOIN user_account u ON u.id = m.user_id
                        WHERE m.team_id = ? ORDER BY u.id""")
                .param(teamId)
                .query(UserAccount.class).list();
    }

    /** Those of {@code userIds} that are not members of the team. */
    public Set<Long> nonMembers(long teamId, Collection<Long> userIds) {
        Set<Long> outside = new HashSet<>(userIds);
        if (!outside.isEmpty()) {
            outside.removeAll(jdbc.sql("SELECT user_id FROM team_member WHERE team_id = :team AND user_id IN (:users)")
                    .param("team", teamId).param("users", userIds)
                    .query(Long.class).list());
        }
        return outside;
    }
}
