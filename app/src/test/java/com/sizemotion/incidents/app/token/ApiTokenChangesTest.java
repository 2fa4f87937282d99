package com.sizemotion.incidents.app.token;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApiTokenChangesTest {

    private static final ApiToken TOKEN = new ApiToken(3, "Datadog", "inc_abcdefgh", Set.of(1L), 60, 4,
            Instant.parse("2026-01-28T12:00:00Z"), null, null, null);

    @Test
    void raisesTheLimitVersionWhenTheLimitChanges() {
        ApiToken changed = new ApiTokenChanges(null, false, null, 100, false, null).applyTo(TOKEN);

        assertThat(changed.rateLimitPerMinute()).isEqualTo(100);
        assertThat(changed.limitVersion()).isEqualTo(5);
    }

    @Test
    void raisesTheLimitVersionAgainWhenTheLimitGoesBackToAnEarlierValue() {
        ApiToken raised = new ApiTokenChanges(null, false, null, 100, false, null).applyTo(TOKEN);
        ApiToken back = new ApiTokenChanges(null, false, null, 60, false, null).applyTo(raised);

        assertThat(back.rateLimitPerMinute()).isEqualTo(60);
        assertThat(back.limitVersion()).isEqualTo(6);
    }

    @Test
    void keepsTheLimitVersionWhenOnlyTheNameOrScopeChanges() {
        ApiToken changed = new ApiTokenChanges("Datadog EU", true, Set.of(2L), 60, false, null).applyTo(TOKEN);

        assertThat(changed.name()).isEqualTo("Datadog EU");
        assertThat(changed.teamIds()).containsExactly(2L);
        assertThat(changed.limitVersion()).isEqualTo(4);
    }

    @Test
    void widensTheScopeToEveryTeam() {
        assertThat(new ApiTokenChanges(null, true, null, null, false, null).applyTo(TOKEN).teamIds()).isNull();
    }

    @Test
    void leavesWhatIsNotMentionedAsItIs() {
        assertThat(new ApiTokenChanges(null, false, null, null, false, null).applyTo(TOKEN)).isEqualTo(TOKEN);
    }
}
