package com.sizemotion.incidents.query.incident;

import com.sizemotion.incidents.api.access.Caller;
import com.sizemotion.incidents.api.incident.IncidentView;
import com.sizemotion.incidents.api.web.ApiResponse;
import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.query.support.QueryParameters;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code GET /api/v1/incidents/{id}} (optionally {@code ?as_of=} an instant) and
 * {@code GET /api/v1/incidents/{id}/history}.
 */
@RestController
class IncidentQueryController {

    private final IncidentViewRepository views;
    private final IncidentReader reader;
    private final IncidentHistory history;

    IncidentQueryController(IncidentViewRepository views, IncidentReader reader, IncidentHistory history) {
        this.views = views;
        this.reader = reader;
        this.history = history;
    }

    @GetMapping("/api/v1/incidents/{id}")
    ApiResponse<IncidentView> get(@PathVariable String id, @RequestParam(name = "as_of", required = false) String asOf,
                                  Caller caller) {
        IncidentState current = visible(id, caller);
        if (asOf == null) {
            return ApiResponse.of(current.toView(views.publicUrl()));
        }
        Instant instant = parseInstant("as_of", asOf);
        return history.asOf(current.incidentKey(), instant)
                .map(state -> ApiResponse.of(state.toView(views.publicUrl())))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "Incident " + current.id() + " did not exist yet at " + instant + "."));
    }

    @GetMapping("/api/v1/incidents/{id}/history")
    ApiResponse<List<IncidentHistory.Entry>> history(@PathVariable String id, Caller caller) {
        return ApiResponse.of(history.entries(visible(id, caller).incidentKey()));
    }

    /** The incident, if it exists and the caller may see its team; otherwise the same 404 either way. */
    private IncidentState visible(String id, Caller caller) {
        return caller.visible(IncidentIds.parse(id).flatMap(reader::current),
                        IncidentState::teamId)
                .orElseThrow(IncidentQueryController::notFound);
    }

    static Instant parseInstant(String parameter, String value) {
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw FieldErrors.single(parameter, "The " + parameter.replace('_', ' ')
                    + " must be an ISO-8601 instant such as 2026-11-20T03:12:00Z.");
        }
        FieldErrors errors = new FieldErrors();
        QueryParameters.inRange(instant, parameter, errors);
        errors.throwIfAny();
        return instant;
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "Incident not found.");
    }
}
