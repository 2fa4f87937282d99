package com.sizemotion.incidents.command.assignment;

import com.sizemotion.incidents.api.access.Actor;
import com.sizemotion.incidents.api.incident.AssignIncidentCommand;
import com.sizemotion.incidents.api.incident.IncidentAlertRepeatedEvent;
import com.sizemotion.incidents.api.incident.IncidentCreatedEvent;
import com.sizemotion.incidents.api.incident.IncidentStatus;
import com.sizemotion.incidents.api.incident.NotAssignedReason;
import com.sizemotion.incidents.api.incident.RecordNotAssignedCommand;
import com.sizemotion.incidents.api.incident.Severity;
import com.sizemotion.incidents.command.directory.UserAccount;
import com.sizemotion.incidents.command.oncall.OnCallResolution;
import com.sizemotion.incidents.command.oncall.OnCallRoster;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.test.FixtureExecutionException;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncidentAssignmentSagaTest {

    private static final String KEY = "incident-5-abc-g0";
    private static final long SCHEDULE_ID = 10;
    private static final Instant CREATED_AT = Instant.parse("2026-11-03T03:12:00Z");
    private static final Instant NOW = CREATED_AT.plusMillis(40);
    private static final UserAccount JOHN = new UserAccount(42, "John Doe", "john.doe@example.com");
    private static final Actor SAGA = Actor.system("oncall-assignment");
    /** As the Incident aggregate marks a creation that asked for assignment. */
    private static final Map<String, String> ASSIGNMENT_REQUESTED =
            Map.of(IncidentCreatedEvent.ASSIGNMENT_META_DATA, IncidentCreatedEvent.ASSIGNMENT_REQUESTED);

    private final List<Instant> evaluated = new ArrayList<>();
    private SagaTestFixture<IncidentAssignmentSaga> fixture;
    private Map<Long, OnCallResolution> onCall;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(IncidentAssignmentSaga.class);
        onCall = Map.of();
        fixture.registerResource((OnCallRoster) (scheduleId, at) -> {
            evaluated.add(at);
            return Optional.ofNullable(onCall.get(scheduleId));
        });
        fixture.registerResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void assignsTheUserOnCallAtTheIncidentsCreation() {
        onCall = Map.of(SCHEDULE_ID, new OnCallResolution(SCHEDULE_ID, CREATED_AT, JOHN, "Primary", null, null));

        fixture.givenNoPriorActivity()
                .whenPublishingA(created(true), ASSIGNMENT_REQUESTED)
                .expectDispatchedCommands(new AssignIncidentCommand(KEY, JOHN.asAssignee(), SCHEDULE_ID, "Primary",
                        null, CREATED_AT, NOW, SAGA))
                .expectActiveSagas(0);
        assertThat(evaluated).containsExactly(CREATED_AT);
    }

    @Test
    void namesTheOverrideThatPutTheUserOnCall() {
        onCall = Map.of(SCHEDULE_ID, new OnCallResolution(SCHEDULE_ID, CREATED_AT, JOHN, null, 3L, null));

        fixture.givenNoPriorActivity()
                .whenPublishingA(created(true), ASSIGNMENT_REQUESTED)
                .expectDispatchedCommands(new AssignIncidentCommand(KEY, JOHN.asAssignee(), SCHEDULE_ID, null, 3L,
                        CREATED_AT, NOW, SAGA));
    }

    @Test
    void recordsThatNobodyWasOnCall() {
        onCall = Map.of(SCHEDULE_ID, new OnCallResolution(SCHEDULE_ID, CREATED_AT, null, null, null, null));

        fixture.givenNoPriorActivity()
                .whenPublishingA(created(true), ASSIGNMENT_REQUESTED)
                .expectDispatchedCommands(new RecordNotAssignedCommand(KEY, SCHEDULE_ID, NotAssignedReason.NOBODY_ON_CALL,
                        CREATED_AT, NOW, SAGA))
                .expectActiveSagas(0);
    }

    @Test
    void recordsAnUnknownScheduleInsteadOfRetryingForever() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(created(true), ASSIGNMENT_REQUESTED)
                .expectDispatchedCommands(new RecordNotAssignedCommand(KEY, SCHEDULE_ID, NotAssignedReason.UNKNOWN_SCHEDULE,
                        CREATED_AT, NOW, SAGA));
    }

    @Test
    void doesNothingForAnIncidentThatDidNotAskForIt() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(created(false))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
        assertThat(evaluated).isEmpty();
    }

    /** Creations written before they were marked for assignment are not assigned after the fact. */
    @Test
    void ignoresACreationThatIsNotMarkedForAssignment() {
        onCall = Map.of(SCHEDULE_ID, new OnCallResolution(SCHEDULE_ID, CREATED_AT, JOHN, "Primary", null, null));

        fixture.givenNoPriorActivity()
                .whenPublishingA(created(true))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
        assertThat(evaluated).isEmpty();
    }

    @Test
    void neverReassignsOnARepeatOfTheAlert() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(new IncidentAlertRepeatedEvent(KEY, 1234, 2, "datadog", Severity.SEV1,
                        CREATED_AT.plusSeconds(300), Actor.token(7, "Datadog")))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }

    /** With the service's propagating error handler, as the app configures it for every processor. */
    @Test
    void letsAFailedAssignmentFailTheEventSoThatTheProcessorRetriesIt() {
        onCall = Map.of(SCHEDULE_ID, new OnCallResolution(SCHEDULE_ID, CREATED_AT, JOHN, "Primary", null, null));
        fixture.registerListenerInvocationErrorHandler(PropagatingErrorHandler.instance());
        fixture.setCallbackBehavior((command, metaData) -> {
            throw new IllegalStateException("connection refused");
        });

        assertThatThrownBy(() -> fixture.givenNoPriorActivity().whenPublishingA(created(true), ASSIGNMENT_REQUESTED))
                .isInstanceOf(FixtureExecutionException.class)
                .hasRootCauseMessage("connection refused");
    }

    private static IncidentCreatedEvent created(boolean assignToOncall) {
        return new IncidentCreatedEvent(KEY, 1234, 5, "Database connection timeout", Severity.SEV1, null, null, null,
                Map.of(), List.of(), assignToOncall, assignToOncall ? SCHEDULE_ID : null, IncidentStatus.OPEN, null,
                CREATED_AT, Actor.token(7, "Datadog"));
    }
}
