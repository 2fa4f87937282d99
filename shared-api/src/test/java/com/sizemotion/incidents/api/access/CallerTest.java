package com.sizemotion.incidents.api.access;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerTest {

    private record Owned(long teamId) {
    }

    private final Caller scoped = new Caller(Actor.token(7, "Datadog"), Set.of(1L, 2L));
    private final Caller unscoped = Caller.allTeams(Actor.admin("admin"));

    @Test
    void mayActForItsOwnTeams() {
        assertThatCode(() -> scoped.requireTeam(2)).doesNotThrowAnyException();
        assertThat(scoped.mayAccessTeam(1)).isTrue();
    }

    @Test
    void isRefusedForOtherTeamsWithAMessageNamingTheTeam() {
        assertThatThrownBy(() -> scoped.requireTeam(5))
                .isInstanceOf(TeamAccessDeniedException.class)
                .hasMessage("This API token may not access team 5.");
    }

    @Test
    void seesNothingOfOtherTeams() {
        assertThat(scoped.visible(Optional.of(new Owned(5)), Owned::teamId)).isEmpty();
        assertThat(scoped.visible(Optional.of(new Owned(1)), Owned::teamId)).contains(new Owned(1));
        assertThat(scoped.visible(Optional.<Owned>empty(), Owned::teamId)).isEmpty();
    }

    @Test
    void withoutScopeMayAccessEveryTeam() {
        assertThatCode(() -> unscoped.requireTeam(5)).doesNotThrowAnyException();
        assertThat(unscoped.visible(Optional.of(new Owned(5)), Owned::teamId)).contains(new Owned(5));
    }

    @Test
    void keepsItsOwnCopyOfTheScope() {
        Set<Long> teams = new HashSet<>(Set.of(1L));
        Caller caller = new Caller(Actor.token(1, "t"), teams);
        teams.add(5L);

        assertThat(caller.mayAccessTeam(5)).isFalse();
    }
}
