package com.sizemotion.incidents.command.incident;

import com.sizemotion.incidents.api.access.Actor;
import com.sizemotion.incidents.api.incident.CreateIncidentCommand;
import com.sizemotion.incidents.api.incident.CreateIncidentResult;
import com.sizemotion.incidents.api.incident.IncidentKey;
import com.sizemotion.incidents.api.incident.RepeatAlertCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Turns an alert into exactly one open incident per (team, external id): it finds the current
 * generation, repeats the alert on it while it is unresolved or opens the next one, and tries again
 * when another request or another node won the race or the incident was resolved in between.
 */
@Service
public class IncidentIntake {

    /**
     * Alerts of one (team, external id) take turns within this node: a burst of identical alerts
     * then opens the incident once and repeats it, instead of racing to the event table's unique
     * key and drawing an id per loser. Between nodes that key still decides. A request that waits
     * longer than {@link #ALERT_LOCK_WAIT} (a flood of one alert, or another alert on the same
     * stripe that is slow) goes ahead and races.
     */
    private static final int ALERT_LOCKS = 4096;
    private static final Duration ALERT_LOCK_WAIT = Duration.ofSeconds(1);

    private final CommandGateway commandGateway;
    private final IncidentLookupRepository lookup;
    private final Lock[] alertLocks = Stream.generate(ReentrantLock::new).limit(ALERT_LOCKS).toArray(Lock[]::new);

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
        Lock lock = alertLocks[Math.floorMod(Objects.hash(request.teamId(), request.externalId()), ALERT_LOCKS)];
        boolean locked = lockAlert(lock);
        try {
            return openOrRepeat(request, actor, requestedAt);
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
    }

    /**
     * Repeats the alert on the current generation while it is unresolved, or opens the next one;
     * again when another writer won the race or resolved the incident in between.
     */
    private CreateIncidentResult openOrRepeat(IncidentRequest request, Actor actor, Instant requestedAt) {
        return LostRaceRetry.INCIDENT_WRITES.runUntilDone(() -> {
            Optional<IncidentLookupRepository.LatestGeneration> latest =
                    lookup.latestGeneration(request.teamId(), request.externalId());
            CreateIncidentResult result = latest.isPresent() && !latest.get().resolved()
                    ? commandGateway.sendAndWait(repeat(IncidentKey.forExternalId(request.teamId(),
                            request.externalId(), latest.get().generation()), request, requestedAt, actor))
                    : commandGateway.sendAndWait(nextGeneration(latest, request, requestedAt, actor));
            return result.outcome() == CreateIncidentResult.Outcome.ALREADY_RESOLVED ? Optional.empty() : Optional.of(result);
        });
    }

    private static boolean lockAlert(Lock lock) {
        try {
            return lock.tryLock(ALERT_LOCK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Generation 0 for a new external id; after a resolved incident, the generation that follows it. */
    private static CreateIncidentCommand nextGeneration(Optional<IncidentLookupRepository.LatestGeneration> latest,
                                                        IncidentRequest request, Instant requestedAt, Actor actor) {
        int generation = latest.map(l -> l.generation() + 1).orElse(0);
        Long previousIncidentId = latest.map(IncidentLookupRepository.LatestGeneration::incidentId).orElse(null);
        return command(IncidentKey.forExternalId(request.teamId(), request.externalId(), generation), request,
                previousIncidentId, requestedAt, actor);
    }

    private static CreateIncidentCommand command(String key, IncidentRequest request, Long previousIncidentId,
                                                 Instant requestedAt, Actor actor) {
        return new CreateIncidentCommand(key, request.teamId(), request.title(), request.severity(),
                request.description(), request.source(), request.externalId(), request.metadata(),
                request.tags(), request.assignToOncall(), request.oncallScheduleId(), request.status(),
                previousIncidentId, requestedAt, actor);
    }

    private static RepeatAlertCommand repeat(String key, IncidentRequest request, Instant requestedAt, Actor actor) {
        return new RepeatAlertCommand(key, request.severity(), request.source(), requestedAt, actor);
    }

}
