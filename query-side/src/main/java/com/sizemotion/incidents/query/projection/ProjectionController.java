package com.sizemotion.incidents.query.projection;

import com.sizemotion.incidents.api.web.ApiResponse;
import com.sizemotion.incidents.query.incident.IncidentViewRebuilder;
import com.sizemotion.incidents.query.incident.ProjectionRebuild;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Admin view of the event processors ({@code GET /api/v1/admin/projections}) and zero-downtime
 * rebuilds of read models ({@code POST /api/v1/admin/projections/{name}/rebuild}).
 */
@RestController
class ProjectionController {

    /** One processing group: how far it has read and whether it has caught up with the event store. */
    record ProjectionStatus(String name, String mode, Long position, long head, Long lag, boolean caughtUp,
                            int segments, boolean rebuildable, ProjectionRebuild rebuild) {
    }

    private final EventProcessingConfiguration processors;
    private final ProjectionPositions positions;
    private final IncidentViewRebuilder incidentViewRebuilder;

    ProjectionController(EventProcessingConfiguration processors, ProjectionPositions positions,
                         IncidentViewRebuilder incidentViewRebuilder) {
        this.processors = processors;
        this.positions = positions;
        this.incidentViewRebuilder = incidentViewRebuilder;
    }

    @GetMapping("/api/v1/admin/projections")
    ApiResponse<List<ProjectionStatus>> list() {
        long head = positions.head();
        return ApiResponse.of(processors.eventProcessors().values().stream()
                .map(processor -> status(processor, head))
                .sorted(Comparator.comparing(ProjectionStatus::name))
                .toList());
    }

    @PostMapping("/api/v1/admin/projections/{name}/rebuild")
    ResponseEntity<ApiResponse<ProjectionStatus>> rebuild(@PathVariable String name) {
        EventProcessor processor = processors.eventProcessor(name)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No projection named " + name + "."));
        if (!name.equals(incidentViewRebuilder.projectionName())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "The " + name
                    + " processor cannot be rebuilt: it is not a read model (it sends commands or guards writes).");
        }
        if (!incidentViewRebuilder.start()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "A rebuild of " + name + " is running already.");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ApiResponse.of(status(processor, positions.head())));
    }

    private ProjectionStatus status(EventProcessor processor, long head) {
        String name = processor.getName();
        boolean rebuildable = name.equals(incidentViewRebuilder.projectionName());
        ProjectionRebuild rebuild = rebuildable ? incidentViewRebuilder.lastRebuild().orElse(null) : null;
        if (!(processor instanceof StreamingEventProcessor)) {
            return new ProjectionStatus(name, "subscribing", null, head, 0L, true, 0, rebuildable, rebuild);
        }
        Map<Integer, OptionalLong> bySegment = new TreeMap<>(positions.storedBySegment(name));
        ((StreamingEventProcessor) processor).processingStatus()
                .forEach((segment, tracker) -> bySegment.put(segment, tracker.getCurrentPosition()));
        boolean started = !bySegment.isEmpty() && bySegment.values().stream().allMatch(OptionalLong::isPresent);
        Long at = started ? bySegment.values().stream().mapToLong(OptionalLong::getAsLong).min().orElseThrow() : null;
        long lag = at == null ? head + 1 : Math.max(0, head - at);
        return new ProjectionStatus(name, "streaming", at, head, lag, lag == 0, bySegment.size(), rebuildable, rebuild);
    }
}
