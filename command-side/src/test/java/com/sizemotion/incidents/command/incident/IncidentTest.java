package com.sizemotion.incidents.command.incident;

import com.sizemotion.incidents.api.incident.CreateIncidentCommand;
import com.sizemotion.incidents.api.incident.CreateIncidentResult;
import com.sizemotion.incidents.api.incident.CreateIncidentResult.Outcome;
import com.sizemotion.incidents.api.incident.IncidentCreatedEvent;
import com.sizemotion.incidents.api.incident.IncidentStatus;
import com.sizemotion.incidents.api.incident.RepeatAlertCommand;
import com.sizemotion.incidents.api.incident.Severity;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static com.sizemotion.incidents.command.incident.IncidentFixtures.CREATED_AT;
import static com.sizemotion.incidents.command.incident.IncidentFixtures.INCIDENT_ID;
import static com.sizemotion.incidents.command.incident.IncidentFixtures.KEY;
import static com.sizemotion.incidents.command.incident.IncidentFixtures.TITLE;
import static com.sizemotion.incidents.command.incident.IncidentFixtures.createCommand;
import static com.sizemotion.incidents.command.incident.IncidentFixtures.createdEvent;
import static com.sizemotion.incidents.command.incident.IncidentFixtures.repeatCommand;
import static com.sizemotion.incidents.command.incident.IncidentFixtures.repeatedEvent;
import static com.sizemotion.incidents.command.incident.IncidentFixtures.severityRaisedEvent;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.assertj.core.api.Assertions.assertThat;

class IncidentTest {

    /** The outcome, incident id and version of a command's result; the state it reports is pinned where it matters. */
    private static Matcher<?> result(Outcome outcome, long version) {
        return matches((CreateIncidentResult r) -> r.outcome() == outcome && r.incidentId() == INCIDENT_ID
                && r.version() == version);
    }

    private final AtomicInteger idsDrawn = new AtomicInteger();
    private FixtureConfiguration<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Incident.class);
        fixture.registerInjectableResource((IncidentIdSequence) () -> {
            idsDrawn.incrementAndGet();
            return INCIDENT_ID;
        });
    }

    @Test
    void createsIncidentWithIdFromSequence() {
        fixture.givenNoPriorActivity()
                .when(createCommand(KEY))
                .expectSuccessfulHandlerExecution()
                .expectEvents(createdEvent(KEY))
                .expectResultMessagePayloadMatching(result(Outcome.CREATED, 0));
        assertThat(idsDrawn).hasValue(1);
    }

    @Test
    void marksOnlyTheCreationsThatAskForOnCallAssignmentForTheSaga() {
        CreateIncidentCommand plain = createCommand(KEY);
        CreateIncidentCommand assigned = new CreateIncidentCommand(KEY, plain.teamId(), plain.title(), plain.severity(),
                plain.description(), plain.source(), plain.externalId(), plain.metadata(), plain.tags(), true, 10L,
                plain.status(), null, plain.requestedAt(), plain.actor());

        fixture.givenNoPriorActivity()
                .when(assigned)
                .expectEventsMatching(matches((List<EventMessage<?>> events) -> events.size() == 1
                        && IncidentCreatedEvent.ASSIGNMENT_REQUESTED.equals(
                        events.get(0).getMetaData().get(IncidentCreatedEvent.ASSIGNMENT_META_DATA))));
        fixture.givenNoPriorActivity()
                .when(plain)
                .expectEventsMatching(matches((List<EventMessage<?>> events) -> events.size() == 1
                        && !events.get(0).getMetaData().containsKey(IncidentCreatedEvent.ASSIGNMENT_META_DATA)));
    }

    @Test
    void createsIncidentInTheRequestedInitialStatus() {
        fixture.givenNoPriorActivity()
                .when(createCommand(KEY, Severity.SEV1, IncidentStatus.ACKNOWLEDGED))
                .expectEvents(createdEvent(KEY, Severity.SEV1, IncidentStatus.ACKNOWLEDGED))
                .expectResultMessagePayloadMatching(result(Outcome.CREATED, 0));
    }

    @Test
    void returnsExistingIncidentForRepeatedExternalId() {
        RepeatAlertCommand repeat = repeatCommand(KEY, Severity.SEV2);

        fixture.given(createdEvent(KEY))
                .when(repeat)
                .expectSuccessfulHandlerExecution()
                .expectEvents(repeatedEvent(repeat, 2))
                .expectResultMessagePayloadMatching(result(Outcome.REPEATED, 1));
    }

    @Test
    void drawsNoNewIdForRepeatedAlert() {
        fixture.given(createdEvent(KEY))
                .when(repeatCommand(KEY, Severity.SEV2))
                .expectResultMessagePayloadMatching(result(Outcome.REPEATED, 1));
        assertThat(idsDrawn).hasValue(0);
    }

    @Test
    void countsEveryOccurrenceOfTheAlert() {
        RepeatAlertCommand second = repeatCommand(KEY, Severity.SEV2);
        RepeatAlertCommand third = repeatCommand(KEY, Severity.SEV3);

        fixture.given(createdEvent(KEY), repeatedEvent(second, 2))
                .when(third)
                .expectEvents(repeatedEvent(third, 3))
                .expectResultMessagePayloadMatching(result(Outcome.REPEATED, 2));
    }

    @Test
    void raisesSeverityWhenRepeatIsMoreSevere() {
        RepeatAlertCommand repeat = repeatCommand(KEY, Severity.SEV1);

        fixture.given(createdEvent(KEY, Severity.SEV2, IncidentStatus.OPEN))
                .when(repeat)
                .expectEvents(repeatedEvent(repeat, 2), severityRaisedEvent(repeat, Severity.SEV2))
                .expectResultMessagePayload(new CreateIncidentResult(Outcome.REPEATED, INCIDENT_ID, 2, TITLE,
                        Severity.SEV1, IncidentStatus.OPEN, 2, CREATED_AT, null));
    }

    @Test
    void keepsSeverityWhenRepeatIsLessSevere() {
        RepeatAlertCommand repeat = repeatCommand(KEY, Severity.SEV4);

        fixture.given(createdEvent(KEY, Severity.SEV2, IncidentStatus.OPEN))
                .when(repeat)
                .expectEvents(repeatedEvent(repeat, 2))
                .expectResultMessagePayloadMatching(result(Outcome.REPEATED, 1));
    }

    @Test
    void keepsSeverityWhenRepeatIsEquallySevere() {
        RepeatAlertCommand repeat = repeatCommand(KEY, Severity.SEV2);

        fixture.given(createdEvent(KEY, Severity.SEV2, IncidentStatus.OPEN))
                .when(repeat)
                .expectEvents(repeatedEvent(repeat, 2));
    }

    @Test
    void comparesRepeatWithTheRaisedSeverity() {
        RepeatAlertCommand raising = repeatCommand(KEY, Severity.SEV2);
        RepeatAlertCommand sameAsRaised = repeatCommand(KEY, Severity.SEV2);

        fixture.given(createdEvent(KEY, Severity.SEV3, IncidentStatus.OPEN),
                        repeatedEvent(raising, 2), severityRaisedEvent(raising, Severity.SEV3))
                .when(sameAsRaised)
                .expectEvents(repeatedEvent(sameAsRaised, 3))
                .expectResultMessagePayloadMatching(result(Outcome.REPEATED, 3));
    }

    @Test
    void recordsRepeatOfAcknowledgedIncident() {
        RepeatAlertCommand repeat = repeatCommand(KEY, Severity.SEV2);

        fixture.given(createdEvent(KEY, Severity.SEV2, IncidentStatus.ACKNOWLEDGED))
                .when(repeat)
                .expectEvents(repeatedEvent(repeat, 2))
                .expectResultMessagePayloadMatching(result(Outcome.REPEATED, 1));
    }

    @Test
    void answersAlreadyResolvedWithoutEventsForResolvedIncident() {
        fixture.given(createdEvent(KEY, Severity.SEV2, IncidentStatus.RESOLVED))
                .when(repeatCommand(KEY, Severity.SEV1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(Outcome.ALREADY_RESOLVED, 0));
        assertThat(idsDrawn).hasValue(0);
    }
}
