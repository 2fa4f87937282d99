package com.sizemotion.incidents.query.projection;

import com.sizemotion.incidents.api.web.ApiResponse;
import com.sizemotion.incidents.query.incident.IncidentViewRebuilder;
import com.sizemotion.incidents.query.incident.ProjectionRebuild;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
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
 * Admin view of the event processors ({@code GET /api/v1/admin/projections}), zero-downtime
 * rebuilds of read models ({@code POST /api/v1/admin/projections/{name}/rebuild}), and the events
 * a processor could not apply ({@code /api/v1/admin/projections/{name}/dead-letters}: list,
 * {@code POST …/retry}, {@code DELETE …/{sequence}}).
 */
@RestController
class ProjectionController {

    /** One processing group: how far it has read and whether it has caught up with the event store. */
    /** @param deadLetters how many events it could not apply; {@code null} when it keeps no dead letters (sagas) */
    record ProjectionStatus(String name, String mode, Long position, long head, Long lag, boolean caughtUp,
                            int segments, boolean rebuildable, ProjectionRebuild rebuild, Long deadLetters) {
    }

    /** The dead letters of one processor: how many, and the oldest {@value DeadLetters#LISTED}. */
    record DeadLetterList(String name, long count, List<DeadLetters.Letter> deadLetters) {
    }

    private final EventProcessingConfiguration processors;
    private final ProjectionPositions positions;
    private final IncidentViewRebuilder incidentViewRebuilder;
    private final DeadLetters deadLetters;

    ProjectionController(EventProcessingConfiguration processors, ProjectionPositions positions,
                         IncidentViewRebuilder incidentViewRebuilder, DeadLetters deadLetters) {
        this.processors = processors;
        this.positions = positions;
        this.incidentViewRebuilder = incidentViewRebuilder;
        this.deadLetters = deadLetters;
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
        EventProcessor processor = processor(name);
        if (!name.equals(incidentViewRebuilder.projectionName())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "The " + name
                    + " processor cannot be rebuilt: it is not a read model (it sends commands or guards writes).");
        }
        if (!incidentViewRebuilder.start()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "A rebuild of " + name + " is running already.");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ApiResponse.of(status(processor, positions.head())));
    }

    @GetMapping("/api/v1/admin/projections/{name}/dead-letters")
    ApiResponse<DeadLetterList> deadLetters(@PathVariable String name) {
        keepingDeadLetters(name);
        List<DeadLetters.Letter> letters = deadLetters.list(name);
        return ApiResponse.of(new DeadLetterList(name, deadLetters.count(name).orElse(0L), letters));
    }

    @PostMapping("/api/v1/admin/projections/{name}/dead-letters/retry")
    ApiResponse<DeadLetters.RetryOutcome> retryDeadLetters(@PathVariable String name) {
        keepingDeadLetters(name);
        return ApiResponse.of(deadLetters.retry(name));
    }

    @DeleteMapping("/api/v1/admin/projections/{name}/dead-letters/{sequence}")
    ApiResponse<DeadLetterList> dropDeadLetters(@PathVariable String name, @PathVariable String sequence) {
        keepingDeadLetters(name);
        List<DeadLetters.Letter> dropped = deadLetters.drop(name, sequence);
        if (dropped.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "The " + name + " processor has no dead letters of sequence "
                    + sequence + ".");
        }
        return ApiResponse.of(new DeadLetterList(name, dropped.size(), dropped));
    }

    private EventProcessor processor(String name) {
        return processors.eventProcessor(name)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No projection named " + name + "."));
    }

    private void keepingDeadLetters(String name) {
        processor(name);
        if (!deadLetters.keeps(name)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "The " + name
                    + " processor keeps no dead letters: only event processors of read models do.");
        }
    }

    private ProjectionStatus status(EventProcessor processor, long head) {
        String name = processor.getName();
        boolean rebuildable = name.equals(incidentViewRebuilder.projectionName());
        ProjectionRebuild rebuild = rebuildable ? incidentViewRebuilder.lastRebuild().orElse(null) : null;
        Long deadLetterCount = deadLetters.count(name).orElse(null);
        if (!(processor instanceof StreamingEventProcessor)) {
            return new ProjectionStatus(name, "subscribing", null, head, 0L, true, 0, rebuildable, rebuild, deadLetterCount);
        }
        Map<Integer, OptionalLong> bySegment = new TreeMap<>(positions.storedBySegment(name));
        ((StreamingEventProcessor) processor).processingStatus()
                .forEach((segment, tracker) -> bySegment.put(segment, tracker.getCurrentPosition()));
        boolean started = !bySegment.isEmpty() && bySegment.values().stream().allMatch(OptionalLong::isPresent);
        Long at = started ? bySegment.values().stream().mapToLong(OptionalLong::getAsLong).min().orElseThrow() : null;
        long lag = at == null ? head + 1 : Math.max(0, head - at);
        return new ProjectionStatus(name, "streaming", at, head, lag, lag == 0, bySegment.size(), rebuildable, rebuild,
                deadLetterCount);
    }
}
