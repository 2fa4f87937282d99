package com.sizemotion.incidents.api.access;

import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The authenticated client of a request: the actor it acts as and the teams it may see. This is
 * the one place where team isolation is decided; every team-scoped endpoint takes a
 * {@code Caller} and asks it through {@link #requireTeam} (writes) or {@link #visible} (reads).
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

    /** Before acting for a team: refuses with {@link TeamAccessDeniedException} (403) when the caller may not. */
    public void requireTeam(long teamId) {
        if (!mayAccessTeam(teamId)) {
            throw new TeamAccessDeniedException(teamId);
        }
    }

    /**
     * What the caller may see of something found: nothing when it belongs to a team outside the
     * caller's scope, so that it answers exactly as if it did not exist (404).
     */
    public <T> Optional<T> visible(Optional<T> found, ToLongFunction<T> teamOf) {
        return found.filter(item -> mayAccessTeam(teamOf.applyAsLong(item)));
    }
}
