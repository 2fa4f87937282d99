package com.sizemotion.incidents.query.incident;

import com.sizemotion.incidents.api.access.Caller;
import com.sizemotion.incidents.api.incident.IncidentView;
import com.sizemotion.incidents.api.web.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/v1/incidents/{id}}: one incident from the read model. */
@RestController
class IncidentQueryController {

    private final IncidentViewRepository views;

    IncidentQueryController(IncidentViewRepository views) {
        this.views = views;
    }

    @GetMapping("/api/v1/incidents/{id}")
    ApiResponse<IncidentView> get(@PathVariable String id, Caller caller) {
        return caller.visible(views.find(parseId(id)), IncidentView::teamId)
                .map(ApiResponse::of)
                .orElseThrow(IncidentQueryController::notFound);
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw notFound();
        }
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "Incident not found.");
    }
}
