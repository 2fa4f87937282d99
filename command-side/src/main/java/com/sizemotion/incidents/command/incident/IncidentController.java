package com.sizemotion.incidents.command.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.api.access.Caller;
import com.sizemotion.incidents.api.incident.AssignmentState;
import com.sizemotion.incidents.api.incident.CreateIncidentResult;
import com.sizemotion.incidents.api.incident.IncidentView;
import com.sizemotion.incidents.api.web.ApiResponse;
import com.sizemotion.incidents.command.team.TeamRepository;
import com.sizemotion.incidents.api.web.FieldErrors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** {@code POST /api/v1/incidents}: monitoring tools open incidents here. */
@RestController
class IncidentController {

    private final IncidentRequestParser parser;
    private final TeamRepository teams;
    private final OnCallScheduleChoice scheduleChoice;
    private final IncidentIntake intake;
    private final IncidentViewAwaiter awaiter;
    private final String publicUrl;
    private final Duration readModelWait;
    private final Clock clock;

    IncidentController(IncidentRequestParser parser, TeamRepository teams, OnCallScheduleChoice scheduleChoice,
                       IncidentIntake intake, IncidentViewAwaiter awaiter, Clock clock,
                       @Value("${incidents.public-url}") String publicUrl,
                       @Value("${incidents.create.read-model-wait:2s}") Duration readModelWait) {
        this.parser = parser;
        this.teams = teams;
        this.scheduleChoice = scheduleChoice;
        this.intake = intake;
        this.awaiter = awaiter;
        this.publicUrl = publicUrl;
        this.readModelWait = readModelWait;
        this.clock = clock;
    }

    @PostMapping(path = "/api/v1/incidents", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiResponse<IncidentView>> create(@RequestBody(required = false) JsonNode body, Caller caller) {
        IncidentRequest request = parser.parse(body);
        caller.requireTeam(request.teamId());
        if (!teams.exists(request.teamId())) {
            throw FieldErrors.single("team_id", "The selected team id is invalid.");
        }
        scheduleChoice.requireFor(request.oncallScheduleId(), request.teamId(), caller);
        Instant requestedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        CreateIncidentResult result = intake.open(request, caller.actor(), requestedAt);
        IncidentView view = awaiter.awaitAssigned(result.incidentId(), result.version(), readModelWait)
                .orElseGet(() -> provisionalView(result, request));
        HttpStatus status = result.outcome() == CreateIncidentResult.Outcome.CREATED ? HttpStatus.CREATED : HttpStatus.OK;
        return ResponseEntity.status(status).location(URI.create(view.url())).body(ApiResponse.of(view));
    }

    /**
     * The answer while the read model has not caught up within the wait (a node just restarted,
     * or a burst) or the on-call assignment is still pending: the command's own account of the
     * incident, with the descriptive fields and the assignment of the read model's copy where there
     * is one and of this request otherwise. The assignment completes after the answer all the same.
     */
    private IncidentView provisionalView(CreateIncidentResult result, IncidentRequest request) {
        IncidentView described = awaiter.current(result.incidentId()).orElseGet(() -> new IncidentView(
                result.incidentId(), request.teamId(), result.title(), request.description(), null, null, null,
                request.assignToOncall() ? AssignmentState.PENDING.wireName() : null, request.source(),
                request.externalId(), request.metadata(), request.tags(), 0,
                result.previousIncidentId(), result.createdAt(), null, null, null, null, -1));
        Instant createdAt = result.createdAt().truncatedTo(ChronoUnit.SECONDS);
        return new IncidentView(result.incidentId(), described.teamId(), result.title(), described.description(),
                result.severity().label(), result.status().wireName(), described.assignedTo(), described.assignment(),
                described.source(), described.externalId(), described.metadata(), described.tags(), result.occurrences(),
                result.previousIncidentId(), createdAt, clock.instant().truncatedTo(ChronoUnit.SECONDS),
                described.acknowledgedAt(), described.resolvedAt(), IncidentView.pageUrl(publicUrl, result.incidentId()),
                result.version());
    }
}
