package com.sizemotion.incidents.command.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.api.access.Caller;
import com.sizemotion.incidents.api.incident.AcknowledgeIncidentCommand;
import com.sizemotion.incidents.api.incident.AssignIncidentCommand;
import com.sizemotion.incidents.api.incident.AssignedUser;
import com.sizemotion.incidents.api.incident.AddIncidentNoteCommand;
import com.sizemotion.incidents.api.incident.IncidentChangeResult;
import com.sizemotion.incidents.api.incident.IncidentView;
import com.sizemotion.incidents.api.incident.ReopenIncidentCommand;
import com.sizemotion.incidents.api.incident.ResolveIncidentCommand;
import com.sizemotion.incidents.api.incident.UpdateIncidentCommand;
import com.sizemotion.incidents.api.web.ApiResponse;
import com.sizemotion.incidents.command.directory.TeamMembershipRepository;
import com.sizemotion.incidents.command.directory.UserAccountRepository;
import com.sizemotion.incidents.command.directory.UserIdRequest;
import com.sizemotion.incidents.command.incident.IncidentLookupRepository.IncidentRef;
import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.command.web.JsonFields;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * The incident lifecycle: acknowledge, resolve, reopen, assign, edit, notes. Each is a command on the
 * {@link Incident} aggregate with the caller as actor; each answers with the incident as the read
 * model shows it after the change.
 */
@RestController
class IncidentLifecycleController {

    private static final int NOTE_MAX = 10_000;

    private final CommandGateway commandGateway;
    private final IncidentLookupRepository lookup;
    private final IncidentRequestParser parser;
    private final IncidentViewAwaiter awaiter;
    private final UserAccountRepository users;
    private final TeamMembershipRepository memberships;
    private final Clock clock;
    private final Duration readModelWait;

    IncidentLifecycleController(CommandGateway commandGateway, IncidentLookupRepository lookup,
                                IncidentRequestParser parser, IncidentViewAwaiter awaiter, UserAccountRepository users,
                                TeamMembershipRepository memberships, Clock clock,
                                @Value("${incidents.create.read-model-wait:2s}") Duration readModelWait) {
        this.commandGateway = commandGateway;
        this.lookup = lookup;
        this.parser = parser;
        this.awaiter = awaiter;
        this.users = users;
        this.memberships = memberships;
        this.clock = clock;
        this.readModelWait = readModelWait;
    }

    @PostMapping("/api/v1/incidents/{id}/acknowledge")
    ApiResponse<IncidentView> acknowledge(@PathVariable String id, @RequestBody(required = false) JsonNode body, Caller caller) {
        String note = note(body, false);
        return change(id, caller, (ref, at) -> new AcknowledgeIncidentCommand(ref.incidentKey(), note, at, caller.actor()));
    }

    @PostMapping("/api/v1/incidents/{id}/resolve")
    ApiResponse<IncidentView> resolve(@PathVariable String id, @RequestBody(required = false) JsonNode body, Caller caller) {
        String note = note(body, false);
        return change(id, caller, (ref, at) -> new ResolveIncidentCommand(ref.incidentKey(), note, at, caller.actor()));
    }

    @PostMapping("/api/v1/incidents/{id}/reopen")
    ApiResponse<IncidentView> reopen(@PathVariable String id, @RequestBody(required = false) JsonNode body, Caller caller) {
        String note = note(body, false);
        return change(id, caller, (ref, at) -> {
            refuseIfSuperseded(ref);
            return new ReopenIncidentCommand(ref.incidentKey(), note, at, caller.actor());
        });
    }

    @PatchMapping("/api/v1/incidents/{id}")
    ApiResponse<IncidentView> update(@PathVariable String id, @RequestBody(required = false) JsonNode body, Caller caller) {
        IncidentUpdate update = parser.parseUpdate(body);
        return change(id, caller, (ref, at) -> new UpdateIncidentCommand(ref.incidentKey(), update.title(),
                update.descriptionGiven(), update.description(), update.severity(), update.tags(), at, caller.actor()));
    }

    /** Only to a member of the incident's team, and only once the incident is known to be the caller's: no peeking at other teams' people. */
    @PostMapping("/api/v1/incidents/{id}/assign")
    ApiResponse<IncidentView> assign(@PathVariable String id, @RequestBody(required = false) JsonNode body, Caller caller) {
        return change(id, caller, (ref, at) -> {
            AssignedUser user = UserIdRequest.user(body, users).asAssignee();
            if (!memberships.nonMembers(ref.teamId(), List.of(user.id())).isEmpty()) {
                throw FieldErrors.single("user_id", "The selected user is not a member of team " + ref.teamId() + ".");
            }
            return new AssignIncidentCommand(ref.incidentKey(), user, null, null, null, at, at, caller.actor());
        });
    }

    @PostMapping("/api/v1/incidents/{id}/notes")
    ApiResponse<IncidentView> addNote(@PathVariable String id, @RequestBody(required = false) JsonNode body, Caller caller) {
        String note = note(body, true);
        return change(id, caller, (ref, at) -> new AddIncidentNoteCommand(ref.incidentKey(), note, at, caller.actor()));
    }

    /** A command for the incident, made once the incident is known to exist and to be the caller's. */
    @FunctionalInterface
    private interface CommandFor {
        Object command(IncidentRef incident, Instant at);
    }

    private ApiResponse<IncidentView> change(String id, Caller caller, CommandFor commandFor) {
        IncidentRef incident = caller.visible(parseId(id).flatMap(lookup::find), IncidentRef::teamId)
                .orElseThrow(IncidentLifecycleController::notFound);
        IncidentChangeResult result = send(commandFor.command(incident, clock.instant().truncatedTo(ChronoUnit.MICROS)));
        IncidentView view = awaiter.await(result.incidentId(), result.version(), readModelWait)
                .or(() -> awaiter.current(result.incidentId()))
                .orElseThrow(IncidentLifecycleController::notFound);
        return ApiResponse.of(view);
    }

    /**
     * Sends the command; when another node changed the incident at the same moment, the command is
     * tried again on the incident as it now is (the aggregate decides afresh, so a repeat is a no-op).
     */
    private IncidentChangeResult send(Object command) {
        try {
            return LostRaceRetry.INCIDENT_WRITES.run(() -> commandGateway.sendAndWait(command));
        } catch (IncidentTransitionException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage());
        }
    }

    /** An old incident whose external id has since opened a newer incident stays closed: the newer one is the live one. */
    private void refuseIfSuperseded(IncidentRef incident) {
        if (incident.externalId() == null) {
            return;
        }
        lookup.latestGeneration(incident.teamId(), incident.externalId())
                .filter(latest -> latest.incidentId() != incident.incidentId())
                .ifPresent(latest -> {
                    throw new ResponseStatusException(HttpStatus.CONFLICT, "Incident " + incident.incidentId()
                            + " was followed by incident " + latest.incidentId() + " for the same external id; reopen or update that one instead.");
                });
    }

    private static String note(JsonNode body, boolean required) {
        if (body == null && !required) {
            return null;
        }
        String field = required ? "body" : "note";
        FieldErrors errors = new FieldErrors();
        if (body == null || !body.isObject()) {
            throw FieldErrors.single("body", "The request body must be a JSON object.");
        }
        JsonFields fields = new JsonFields(body, errors);
        fields.rejectUnknown(Set.of(field));
        String text = required ? fields.requiredString(field, NOTE_MAX) : fields.optionalString(field, NOTE_MAX);
        errors.throwIfAny();
        return text;
    }

    private static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "Incident not found.");
    }
}
