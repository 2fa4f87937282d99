package com.sizemotion.incidents.command.incident;

import com.sizemotion.incidents.api.access.Actor;
import com.sizemotion.incidents.api.incident.CreateIncidentCommand;
import com.sizemotion.incidents.api.incident.CreateIncidentResult;
import com.sizemotion.incidents.api.incident.IncidentKey;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Service;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns an alert into exactly one open incident per (team, external id): it finds the current
 * generation, sends the create command, and tries again when another request or another node won
 * the race or the incident was resolved in between.
 */
@Service
public class IncidentIntake {

    private static final int MAX_ATTEMPTS = 10;
    private static final String UNIQUE_VIOLATION = "23505";

    private final CommandGateway commandGateway;
    private final IncidentLookupRepository lookup;
    IncidentIntake(CommandGateway commandGateway, IncidentLookupRepository lookup) {
        this.commandGateway = commandGateway;
        this.lookup = lookup;
    }

    /**
     * @param requestedAt when the alert arrived; it becomes the incident's creation time
     */
    public CreateIncidentResult open(IncidentRequest request, Actor actor, Instant requestedAt) {
        if (request.externalId() == null) {
            return commandGateway.sendAndWait(command(IncidentKey.unique(), request, null, requestedAt, actor));
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<IncidentLookupRepository.LatestGeneration> latest =
                    lookup.latestGeneration(request.teamId(), request.externalId());
            boolean startsNewGeneration = latest.isPresent() && latest.get().resolved();
            int generation = latest.map(l -> startsNewGeneration ? l.generation() + 1 : l.generation()).orElse(0);
            Long previousIncidentId = startsNewGeneration ? latest.get().incidentId() : null;
            String key = IncidentKey.forExternalId(request.teamId(), request.externalId(), generation);
            try {
                CreateIncidentResult result = commandGateway.sendAndWait(
                        command(key, request, previousIncidentId, requestedAt, actor));
                if (result.outcome() != CreateIncidentResult.Outcome.ALREADY_RESOLVED) {
                    return result;
                }
            } catch (RuntimeException e) {
                if (!lostRace(e) || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
        throw new IllegalStateException("The incident for external id " + request.externalId()
                + " was resolved and reopened by others " + MAX_ATTEMPTS + " times during one request");
    }

    private static CreateIncidentCommand command(String key, IncidentRequest request, Long previousIncidentId,
                                                 Instant requestedAt, Actor actor) {
        return new CreateIncidentCommand(key, request.teamId(), request.title(), request.severity(),
                request.description(), request.source(), request.externalId(), request.metadata(),
                request.tags(), request.assignToOncall(), request.oncallScheduleId(), request.status(),
                previousIncidentId, requestedAt, actor);
    }

    /** Another writer (on this node or another) appended to the same aggregate or claimed the same lookup row first. */
    static boolean lostRace(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return true;
            }
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
