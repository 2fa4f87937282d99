package com.sizemotion.incidents.command.oncall;

import com.sizemotion.incidents.api.access.Actor;
import com.sizemotion.incidents.api.oncall.AddOnCallOverrideCommand;
import com.sizemotion.incidents.api.oncall.CreateOnCallScheduleCommand;
import com.sizemotion.incidents.api.oncall.OnCallLayer;
import com.sizemotion.incidents.api.oncall.OnCallLayersReplacedEvent;
import com.sizemotion.incidents.api.oncall.OnCallOverrideAddedEvent;
import com.sizemotion.incidents.api.oncall.OnCallOverrideRemovedEvent;
import com.sizemotion.incidents.api.oncall.OnCallScheduleCreatedEvent;
import com.sizemotion.incidents.api.oncall.RemoveOnCallOverrideCommand;
import com.sizemotion.incidents.api.oncall.ReplaceOnCallLayersCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

class OnCallScheduleTest {

    private static final long SCHEDULE_ID = 10;
    private static final long TEAM_ID = 5;
    private static final Actor ADMIN = Actor.admin("admin");
    private static final Instant CREATED_AT = Instant.parse("2026-11-01T12:00:00Z");
    private static final Instant LATER = CREATED_AT.plusSeconds(3600);
    private static final OnCallLayer WEEKLY = new OnCallLayer("Primary", List.of(42L, 43L), "P7D",
            Instant.parse("2026-11-02T09:00:00Z"));
    private static final OnCallScheduleCreatedEvent CREATED = new OnCallScheduleCreatedEvent(SCHEDULE_ID, TEAM_ID,
            "Database on-call", "Europe/Berlin", List.of(WEEKLY), CREATED_AT, ADMIN);
    private static final OnCallOverrideAddedEvent OVERRIDE_ADDED = new OnCallOverrideAddedEvent(SCHEDULE_ID, 3, 44,
            Instant.parse("2026-11-03T08:00:00Z"), Instant.parse("2026-11-03T20:00:00Z"), LATER, ADMIN);

    private FixtureConfiguration<OnCallSchedule> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OnCallSchedule.class);
    }

    @Test
    void recordsTheNewScheduleWithWhoCreatedItAndWhen() {
        fixture.givenNoPriorActivity()
                .when(new CreateOnCallScheduleCommand(SCHEDULE_ID, TEAM_ID, "Database on-call", "Europe/Berlin",
                        List.of(WEEKLY), CREATED_AT, ADMIN))
                .expectEvents(CREATED);
    }

    @Test
    void replacesTheLayersFromNowOn() {
        OnCallLayer daily = new OnCallLayer("Daily", List.of(43L), "P1D", Instant.parse("2026-11-02T08:00:00Z"));

        fixture.given(CREATED)
                .when(new ReplaceOnCallLayersCommand(SCHEDULE_ID, List.of(daily), LATER, ADMIN))
                .expectEvents(new OnCallLayersReplacedEvent(SCHEDULE_ID, List.of(daily), LATER, ADMIN));
    }

    @Test
    void addsAnOverride() {
        fixture.given(CREATED)
                .when(new AddOnCallOverrideCommand(SCHEDULE_ID, 3, 44, Instant.parse("2026-11-03T08:00:00Z"),
                        Instant.parse("2026-11-03T20:00:00Z"), LATER, ADMIN))
                .expectEvents(OVERRIDE_ADDED);
    }

    @Test
    void refusesAnOverrideThatWouldOnlyRewriteThePast() {
        fixture.given(CREATED)
                .when(new AddOnCallOverrideCommand(SCHEDULE_ID, 3, 44, CREATED_AT.minusSeconds(7200),
                        LATER.minusSeconds(1), LATER, ADMIN))
                .expectException(ScheduleChangeRejectedException.class)
                .expectExceptionMessage("The ends at must be a date after now.")
                .expectNoEvents();
    }

    @Test
    void removesAnOverrideFromNowOn() {
        Instant removedAt = Instant.parse("2026-11-03T09:00:00Z");

        fixture.given(CREATED, OVERRIDE_ADDED)
                .when(new RemoveOnCallOverrideCommand(SCHEDULE_ID, 3, removedAt, ADMIN))
                .expectEvents(new OnCallOverrideRemovedEvent(SCHEDULE_ID, 3, removedAt, ADMIN));
    }

    @Test
    void refusesToRemoveAnUnknownOverride() {
        fixture.given(CREATED, OVERRIDE_ADDED)
                .when(new RemoveOnCallOverrideCommand(SCHEDULE_ID, 4, LATER, ADMIN))
                .expectException(ScheduleChangeRejectedException.class)
                .expectExceptionMessage("The selected override id is invalid.")
                .expectNoEvents();
    }

    @Test
    void refusesToRemoveAnOverrideThatHasEnded() {
        fixture.given(CREATED, OVERRIDE_ADDED)
                .when(new RemoveOnCallOverrideCommand(SCHEDULE_ID, 3, Instant.parse("2026-11-03T20:00:00Z"), ADMIN))
                .expectException(ScheduleChangeRejectedException.class)
                .expectExceptionMessage("The override has ended already.")
                .expectNoEvents();
    }

    @Test
    void refusesToRemoveAnOverrideTwice() {
        Instant removedAt = Instant.parse("2026-11-03T09:00:00Z");

        fixture.given(CREATED, OVERRIDE_ADDED, new OnCallOverrideRemovedEvent(SCHEDULE_ID, 3, removedAt, ADMIN))
                .when(new RemoveOnCallOverrideCommand(SCHEDULE_ID, 3, removedAt.plusSeconds(60), ADMIN))
                .expectException(ScheduleChangeRejectedException.class)
                .expectExceptionMessage("The override has ended already.")
                .expectNoEvents();
    }
}
