package com.sizemotion.incidents.api.access;

import java.util.Set;

/**
 * The authenticated client of a request: the actor it acts as and the teams it may see.
 *
 * @param actor   recorded on the events the request causes
 * @param teamIds the teams this caller may read and write; {@code null} means every team
 */
public record Caller(Actor actor, Set<Long> teamIds) {

    public Caller {
        teamIds = teamIds == null ? null : Set.copyOf(teamIds);
    }

    public static Caller allTeams(Actor actor) {
        return new Caller(actor, null);
    }

    public boolean mayAccessTeam(long teamId) {
        return teamIds == null || teamIds.contains(teamId);
    }
}
