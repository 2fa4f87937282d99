package com.sizemotion.incidents.command.integration;

import com.sizemotion.incidents.api.access.Actor;
import com.sizemotion.incidents.api.access.Caller;
import com.sizemotion.incidents.api.access.TeamAccessDeniedException;
import com.sizemotion.incidents.api.incident.AcknowledgeIncidentCommand;
import com.sizemotion.incidents.api.incident.CreateIncidentResult;
import com.sizemotion.incidents.api.incident.IncidentChangeResult;
import com.sizemotion.incidents.api.incident.IncidentKey;
import com.sizemotion.incidents.api.incident.IncidentStatus;
import com.sizemotion.incidents.api.incident.ReopenIncidentCommand;
import com.sizemotion.incidents.api.incident.ResolveIncidentCommand;
import com.sizemotion.incidents.api.incident.Severity;
import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.api.web.ValidationFailedException;
import com.sizemotion.incidents.command.incident.IncidentIntake;
import com.sizemotion.incidents.command.incident.IncidentLookupRepository;
import com.sizemotion.incidents.command.incident.OnCallScheduleChoice;
import com.sizemotion.incidents.command.incident.IncidentLookupRepository.LatestGeneration;
import com.sizemotion.incidents.command.incident.IncidentRequest;
import com.sizemotion.incidents.command.incident.IncidentTransitionException;
import com.sizemotion.incidents.command.team.TeamRepository;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class AlertActionsTest {

    private static final Instant NOW = Instant.parse("2026-01-28T12:00:00Z");
    private static final Caller TEAM_5_TOKEN = new Caller(Actor.token(1, "Alertmanager"), Set.of(5L, 6L));
    private static final IntegrationOptions TEAM_5 = new IntegrationOptions(5L, false, null);

    private final IncidentIntake intake = mock(IncidentIntake.class);
    private final IncidentLookupRepository lookup = mock(IncidentLookupRepository.class);
    private final CommandGateway commandGateway = mock(CommandGateway.class);
    private final TeamRepository teams = mock(TeamRepository.class);
    private final OnCallScheduleChoice scheduleChoice = mock(OnCallScheduleChoice.class);
    private final AlertActions alertActions = new AlertActions(intake, lookup, commandGateway, teams, scheduleChoice,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void teamsExist() {
        when(teams.exists(anyLong())).thenReturn(true);
    }

    @Test
    void opensThroughTheIntakeWithTheToolAsSourceAndTheKeyAsExternalId() {
        when(intake.open(any(), any(), any())).thenReturn(result(CreateIncidentResult.Outcome.CREATED, 11));

        IntegrationSummary summary = alertActions.handle("alertmanager", List.of(open("alertmanager:f1", null)),
                new IntegrationOptions(5L, true, 10L), TEAM_5_TOKEN);

        assertThat(summary.alerts()).containsExactly(new AlertOutcome("alertmanager:f1", AlertOutcome.Action.CREATED, 11L, null));
        verify(intake).open(new IncidentRequest(5L, "Disk full", Severity.SEV2, null, "alertmanager", "alertmanager:f1",
                Map.of(), List.of(), true, 10L, IncidentStatus.OPEN), TEAM_5_TOKEN.actor(), NOW);
    }

    @Test
    void reportsARepeat() {
        when(intake.open(any(), any(), any())).thenReturn(result(CreateIncidentResult.Outcome.REPEATED, 11));

        assertThat(alertActions.handle("datadog", List.of(open("datadog:c1", null)), TEAM_5, TEAM_5_TOKEN).alerts())
                .extracting(AlertOutcome::action).containsExactly(AlertOutcome.Action.REPEATED);
    }

    @Test
    void aTeamOfTheAlertWinsOverTheTeamOfTheRequest() {
        when(intake.open(any(), any(), any())).thenReturn(result(CreateIncidentResult.Outcome.CREATED, 11));

        alertActions.handle("alertmanager", List.of(open("alertmanager:f1", 6L)), TEAM_5, TEAM_5_TOKEN);

        verify(intake).open(new IncidentRequest(6L, "Disk full", Severity.SEV2, null, "alertmanager", "alertmanager:f1",
                Map.of(), List.of(), false, null, IncidentStatus.OPEN), TEAM_5_TOKEN.actor(), NOW);
    }

    @Test
    void checksEveryTeamBeforeWritingAnything() {
        List<AlertAction> actions = List.of(open("alertmanager:f1", null), open("alertmanager:f2", 7L));

        ValidationFailedException noTeam = catchThrowableOfType(ValidationFailedException.class, () -> alertActions.handle(
                "alertmanager", List.of(open("alertmanager:f1", null)), new IntegrationOptions(null, false, null), TEAM_5_TOKEN));
        TeamAccessDeniedException forbidden = catchThrowableOfType(TeamAccessDeniedException.class,
                () -> alertActions.handle("alertmanager", actions, TEAM_5, TEAM_5_TOKEN));
        when(teams.exists(7L)).thenReturn(false);
        ValidationFailedException unknown = catchThrowableOfType(ValidationFailedException.class,
                () -> alertActions.handle("alertmanager", actions, TEAM_5, Caller.allTeams(Actor.admin("admin"))));

        assertThat(noTeam.errors()).isEqualTo(Map.of("team_id", List.of("The team id field is required.")));
        assertThat(forbidden.getMessage()).isEqualTo("This API token may not access team 7.");
        assertThat(unknown.errors()).isEqualTo(Map.of("team_id", List.of("The selected team id 7 is invalid.")));
        verifyNoInteractions(intake, commandGateway);
    }

    @Test
    void refusesAnOnCallScheduleOfAnotherTeamBeforeWritingAnything() {
        IntegrationOptions assigning = new IntegrationOptions(5L, true, 42L);
        doThrow(FieldErrors.single("oncall_schedule_id", "The selected oncall schedule does not belong to team 5."))
                .when(scheduleChoice).requireFor(42L, 5L, TEAM_5_TOKEN);

        ValidationFailedException refused = catchThrowableOfType(ValidationFailedException.class, () -> alertActions.handle(
                "alertmanager", List.of(open("alertmanager:f1", null)), assigning, TEAM_5_TOKEN));

        assertThat(refused.errors()).containsKey("oncall_schedule_id");
        verifyNoInteractions(intake, commandGateway);
    }

    @Test
    void resolvesTheCurrentGenerationOfTheAlert() {
        when(lookup.latestGeneration(5L, "datadog:c1")).thenReturn(Optional.of(new LatestGeneration(11, 2, false)));
        when(commandGateway.sendAndWait(any())).thenReturn(new IncidentChangeResult(11, 3, true));

        IntegrationSummary summary = alertActions.handle("datadog", List.of(new AlertAction.Resolve("datadog:c1", null)),
                TEAM_5, TEAM_5_TOKEN);

        assertThat(summary.alerts()).containsExactly(new AlertOutcome("datadog:c1", AlertOutcome.Action.RESOLVED, 11L, null));
        verify(commandGateway).sendAndWait(new ResolveIncidentCommand(IncidentKey.forExternalId(5L, "datadog:c1", 2),
                "Resolved by datadog.", NOW, TEAM_5_TOKEN.actor()));
    }

    @Test
    void resolvingAResolvedIncidentSendsNothing() {
        when(lookup.latestGeneration(5L, "datadog:c1")).thenReturn(Optional.of(new LatestGeneration(11, 0, true)));

        IntegrationSummary summary = alertActions.handle("datadog", List.of(new AlertAction.Resolve("datadog:c1", null)),
                TEAM_5, TEAM_5_TOKEN);

        assertThat(summary.alerts()).extracting(AlertOutcome::action).containsExactly(AlertOutcome.Action.RESOLVED);
        verifyNoInteractions(commandGateway);
    }

    @Test
    void ignoresRecoveriesAndAcknowledgementsOfAlertsItNeverSaw() {
        IntegrationSummary summary = alertActions.handle("pagerduty", List.of(new AlertAction.Resolve("pagerduty:P1", null),
                new AlertAction.Acknowledge("pagerduty:P2", null)), TEAM_5, TEAM_5_TOKEN);

        assertThat(summary.alerts()).containsExactly(
                AlertOutcome.ignored("pagerduty:P1", null, "No incident was opened for this alert."),
                AlertOutcome.ignored("pagerduty:P2", null, "No incident was opened for this alert."));
        verifyNoInteractions(commandGateway);
    }

    @Test
    void acknowledgesAnOpenIncidentAndIgnoresAResolvedOne() {
        when(lookup.latestGeneration(5L, "pagerduty:P1")).thenReturn(Optional.of(new LatestGeneration(11, 0, false)));
        when(lookup.latestGeneration(5L, "pagerduty:P2")).thenReturn(Optional.of(new LatestGeneration(12, 0, true)));
        when(lookup.latestGeneration(5L, "pagerduty:P3")).thenReturn(Optional.of(new LatestGeneration(13, 0, false)));
        when(commandGateway.sendAndWait(any(AcknowledgeIncidentCommand.class))).thenAnswer(call -> {
            AcknowledgeIncidentCommand command = call.getArgument(0);
            if (command.incidentKey().equals(IncidentKey.forExternalId(5L, "pagerduty:P3", 0))) {
                throw new IncidentTransitionException("Incident 13 is resolved and cannot be acknowledged. Reopen it first.");
            }
            return new IncidentChangeResult(11, 1, true);
        });

        IntegrationSummary summary = alertActions.handle("pagerduty", List.of(new AlertAction.Acknowledge("pagerduty:P1", null),
                new AlertAction.Acknowledge("pagerduty:P2", null), new AlertAction.Acknowledge("pagerduty:P3", null)),
                TEAM_5, TEAM_5_TOKEN);

        assertThat(summary.alerts()).containsExactly(
                new AlertOutcome("pagerduty:P1", AlertOutcome.Action.ACKNOWLEDGED, 11L, null),
                AlertOutcome.ignored("pagerduty:P2", 12L, "Incident 12 is resolved already."),
                AlertOutcome.ignored("pagerduty:P3", 13L, "Incident 13 is resolved and cannot be acknowledged. Reopen it first."));
    }

    @Test
    void reopensAResolvedIncidentAndIgnoresOneThatIsNotResolved() {
        when(lookup.latestGeneration(5L, "pagerduty:P1")).thenReturn(Optional.of(new LatestGeneration(11, 1, true)));
        when(lookup.latestGeneration(5L, "pagerduty:P2")).thenReturn(Optional.of(new LatestGeneration(12, 0, false)));
        when(commandGateway.sendAndWait(any())).thenReturn(new IncidentChangeResult(11, 4, true));

        IntegrationSummary summary = alertActions.handle("pagerduty", List.of(new AlertAction.Reopen("pagerduty:P1", null),
                new AlertAction.Reopen("pagerduty:P2", null), new AlertAction.Reopen("pagerduty:P3", null)), TEAM_5, TEAM_5_TOKEN);

        assertThat(summary.alerts()).containsExactly(
                new AlertOutcome("pagerduty:P1", AlertOutcome.Action.REOPENED, 11L, null),
                AlertOutcome.ignored("pagerduty:P2", 12L, "Incident 12 is not resolved."),
                AlertOutcome.ignored("pagerduty:P3", null, "No incident was opened for this alert."));
        verify(commandGateway).sendAndWait(new ReopenIncidentCommand(IncidentKey.forExternalId(5L, "pagerduty:P1", 1),
                "Reopened in pagerduty.", NOW, TEAM_5_TOKEN.actor()));
    }

    @Test
    void answers503WhenAnAlertFailsSoThatTheSenderRetries() {
        when(intake.open(any(), any(), any()))
                .thenReturn(result(CreateIncidentResult.Outcome.CREATED, 11))
                .thenThrow(new IllegalStateException("database gone"));

        ErrorResponseException failure = catchThrowableOfType(ErrorResponseException.class, () -> alertActions.handle(
                "alertmanager", List.of(open("alertmanager:f1", null), open("alertmanager:f2", null), open("alertmanager:f3", null)),
                TEAM_5, TEAM_5_TOKEN));

        assertThat(failure.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(failure.getBody().getDetail()).startsWith("Alert 2 of 3 (alertmanager:f2) could not be handled");
        assertThat(failure.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
    }

    private static AlertAction.Open open(String key, Long teamId) {
        return new AlertAction.Open(key, teamId, "Disk full", Severity.SEV2, null, Map.of(), List.of());
    }

    private static CreateIncidentResult result(CreateIncidentResult.Outcome outcome, long incidentId) {
        return new CreateIncidentResult(outcome, incidentId, 0, "Disk full", Severity.SEV2, IncidentStatus.OPEN, 1, NOW, null);
    }
}
