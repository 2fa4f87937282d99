package com.sizemotion.incidents.command.team;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Teams own incidents and on-call schedules. */
@Repository
public class TeamRepository {

    private final JdbcClient jdbc;
    private final Set<Long> knownTeams = ConcurrentHashMap.newKeySet();

    TeamRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Team create(String name) {
        KeyHolder keyHolder = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO team (name) VALUES (?)").param(name).update(keyHolder, "id");
        return new Team(keyHolder.getKeyAs(Long.class), name);
    }

    /** Teams are never deleted, so a team once seen is remembered: a create costs no lookup for it. */
    public boolean exists(long id) {
        if (knownTeams.contains(id)) {
            return true;
        }
        boolean exists = jdbc.sql("SELECT count(*) FROM team WHERE id = ?").param(id).query(Long.class).single() > 0;
        if (exists) {
            knownTeams.add(id);
        }
        return exists;
    }

    public boolean nameTaken(String name) {
        return jdbc.sql("SELECT count(*) FROM team WHERE lower(name) = lower(?)").param(name)
                .query(Long.class).single() > 0;
    }

    public List<Team> findAll() {
        return jdbc.sql("SELECT id, name FROM team ORDER BY id").query(Team.class).list();
    }
}
