package com.sizemotion.incidents.command.incident;

import com.sizemotion.incidents.api.access.Actor;
import com.sizemotion.incidents.api.incident.AssignIncidentCommand;
import com.sizemotion.incidents.api.incident.AssignedUser;
import com.sizemotion.incidents.api.incident.CreateIncidentResult;
import com.sizemotion.incidents.api.incident.CreateIncidentResult.Outcome;
import com.sizemotion.incidents.api.incident.IncidentAssignedEvent;
import com.sizemotion.incidents.api.incident.IncidentNotAssignedEvent;
import com.sizemotion.incidents.api.incident.NotAssignedReason;
import com.sizemotion.incidents.api.incident.RecordNotAssignedCommand;
import com.sizemotion.incidents.api.incident.Severity;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static com.sizemotion.incidents.command.incident.IncidentFixtures.CREATED_AT;
import static com.sizemotion.incidents.command.incident.IncidentFixtures.INCIDENT_ID;
import static com.sizemotion.incidents.command.incident.IncidentFixtures.KEY;
import static com.sizemotion.incidents.command.incident.IncidentFixtures.createdEvent;
import static com.sizemotion.incidents.command.incident.IncidentFixtures.repeatCommand;
import static com.sizemotion.incidents.command.incident.IncidentFixtures.repeatedEvent;
import static org.axonframework.test.matchers.Matchers.matches;

/** The on-call assignment of an incident, as the assignment saga drives it. */
class IncidentAssignmentTest {

    private static final Actor SAGA = Actor.system("oncall-assignment");
    private static final Actor OPERATOR = Actor.token(7, "Ops console");
    private static final long SCHEDULE_ID = 10;
    private static final AssignedUser JOHN = new AssignedUser(42, "John Doe", "john.doe@example.com");
    private static final AssignedUser JANE = new AssignedUser(43, "Jane Roe", "jane.roe@example.com");
    private static final Instant ASSIGNED_AT = CREATED_AT.plusMillis(150);

    private FixtureConfiguration<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Incident.class);
        fixture.registerInjectableResource((IncidentIdSequence) () -> INCIDENT_ID);
    }

    @Test
    void assignsTheIncidentAndRecordsWhy() {
        fixture.given(createdEvent(KEY))
                .when(assign(JOHN))
                .expectEvents(assigned(JOHN));
    }

    @Test
    void assignsOnceWhenTheSameAssignmentArrivesAgain() {
        fixture.given(createdEvent(KEY), assigned(JOHN))
                .when(assign(JOHN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void reassignsByHandToAnotherUser() {
        fixture.given(createdEvent(KEY), assigned(JOHN))
                .when(assignByHand(JANE))
                .expectEvents(assignedByHand(JANE));
    }

    @Test
    void keepsAHandAssignmentWhenTheOnCallAssignmentArrivesLate() {
        fixture.given(createdEvent(KEY), assignedByHand(JANE))
                .when(assign(JOHN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void recordsThatNobodyWasOnCall() {
        fixture.given(createdEvent(KEY))
                .when(nobodyOnCall())
                .expectEvents(new IncidentNotAssignedEvent(KEY, INCIDENT_ID, SCHEDULE_ID, NotAssignedReason.NOBODY_ON_CALL,
                        CREATED_AT, ASSIGNED_AT, SAGA));
    }

    @Test
    void recordsNobodyOnCallOnce() {
        fixture.given(createdEvent(KEY), new IncidentNotAssignedEvent(KEY, INCIDENT_ID, SCHEDULE_ID,
                        NotAssignedReason.NOBODY_ON_CALL, CREATED_AT, ASSIGNED_AT, SAGA))
                .when(nobodyOnCall())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void neverUnassignsBecauseOfALateNobodyOnCall() {
        fixture.given(createdEvent(KEY), assigned(JOHN))
                .when(nobodyOnCall())
                .expectNoEvents();
    }

    @Test
    void keepsTheAssignmentWhenTheAlertRepeats() {
        fixture.given(createdEvent(KEY), assigned(JOHN))
                .when(repeatCommand(KEY, Severity.SEV2))
                .expectEvents(repeatedEvent(repeatCommand(KEY, Severity.SEV2), 2))
                .expectResultMessagePayloadMatching(matches((CreateIncidentResult r) ->
                        r.outcome() == Outcome.REPEATED && r.version() == 2));
    }

    private static AssignIncidentCommand assign(AssignedUser user) {
        return new AssignIncidentCommand(KEY, user, SCHEDULE_ID, "Primary", null, CREATED_AT, ASSIGNED_AT, SAGA);
    }

    private static AssignIncidentCommand assignByHand(AssignedUser user) {
        return new AssignIncidentCommand(KEY, user, null, null, null, ASSIGNED_AT, ASSIGNED_AT, OPERATOR);
    }

    private static IncidentAssignedEvent assignedByHand(AssignedUser user) {
        return new IncidentAssignedEvent(KEY, INCIDENT_ID, user, null, null, null, ASSIGNED_AT, ASSIGNED_AT, OPERATOR);
    }

    private static IncidentAssignedEvent assigned(AssignedUser user) {
        return new IncidentAssignedEvent(KEY, INCIDENT_ID, user, SCHEDULE_ID, "Primary", null, CREATED_AT, ASSIGNED_AT, SAGA);
    }

    private static RecordNotAssignedCommand nobodyOnCall() {
        return new RecordNotAssignedCommand(KEY, SCHEDULE_ID, NotAssignedReason.NOBODY_ON_CALL, CREATED_AT, ASSIGNED_AT, SAGA);
    }
}
