package com.sizemotion.incidents.command.integration;

import com.sizemotion.incidents.api.access.Caller;
import com.sizemotion.incidents.api.incident.AcknowledgeIncidentCommand;
import com.sizemotion.incidents.api.incident.CreateIncidentResult;
import com.sizemotion.incidents.api.incident.IncidentKey;
import com.sizemotion.incidents.api.incident.IncidentStatus;
import com.sizemotion.incidents.api.incident.ReopenIncidentCommand;
import com.sizemotion.incidents.api.incident.ResolveIncidentCommand;
import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.command.incident.ContendedWriteException;
import com.sizemotion.incidents.command.incident.IncidentIntake;
import com.sizemotion.incidents.command.incident.IncidentLookupRepository;
import com.sizemotion.incidents.command.incident.IncidentLookupRepository.LatestGeneration;
import com.sizemotion.incidents.command.incident.IncidentRequest;
import com.sizemotion.incidents.command.incident.IncidentTransitionException;
import com.sizemotion.incidents.command.incident.OnCallScheduleChoice;
import com.sizemotion.incidents.command.team.TeamRepository;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Carries out the alerts of one webhook delivery, whatever tool sent it: opens and repeats go
 * through {@link IncidentIntake} (deduplication, generations, concurrency), resolves,
 * acknowledgements and reopens are lifecycle commands on the alert's current incident.
 *
 * <p>The whole delivery is checked before anything is written (teams present, visible to the
 * caller and existing). Alerts are then handled one by one, in order; if one fails, the delivery
 * is answered with 503 so that the sender retries it, which is safe because every action is
 * idempotent apart from counting another occurrence of an open alert.
 */
@Service
public class AlertActions {

    private static final Logger log = LoggerFactory.getLogger(AlertActions.class);
    private static final String DELIVER_AGAIN_AFTER_SECONDS = "5";

    /** A delivery whose alerts were checked and may be carried out; each alert with its team. */
    public record CheckedDelivery(String source, List<AlertAction> actions, List<Long> teamIds,
                                  IntegrationOptions options, Caller caller) {
    }

    private final IncidentIntake intake;
    private final IncidentLookupRepository lookup;
    private final CommandGateway commandGateway;
    private final TeamRepository teams;
    private final OnCallScheduleChoice scheduleChoice;
    private final Clock clock;

    AlertActions(IncidentIntake intake, IncidentLookupRepository lookup, CommandGateway commandGateway,
                 TeamRepository teams, OnCallScheduleChoice scheduleChoice, Clock clock) {
        this.intake = intake;
        this.lookup = lookup;
        this.commandGateway = commandGateway;
        this.teams = teams;
        this.scheduleChoice = scheduleChoice;
        this.clock = clock;
    }

    public IntegrationSummary handle(String source, List<AlertAction> actions, IntegrationOptions options, Caller caller) {
        return execute(check(source, actions, options, caller));
    }

    /**
     * Every alert needs a team, its own or the request's {@code team_id}; every team named must be
     * one the caller may act for (403 otherwise) and must exist (422 otherwise); an on-call schedule
     * asked for must belong to every team of the delivery (422 otherwise).
     */
    public CheckedDelivery check(String source, List<AlertAction> actions, IntegrationOptions options, Caller caller) {
        List<Long> teamIds = new ArrayList<>();
        Set<Long> named = new LinkedHashSet<>();
        if (options.teamId() != null) {
            named.add(options.teamId());
        }
        for (AlertAction action : actions) {
            Long teamId = action.teamId() != null ? action.teamId() : options.teamId();
            if (teamId == null) {
                throw FieldErrors.single("team_id", "The team id field is required.");
            }
            teamIds.add(teamId);
            named.add(teamId);
        }
        named.forEach(caller::requireTeam);
        FieldErrors errors = new FieldErrors();
        for (long teamId : named) {
            if (!teams.exists(teamId)) {
                errors.add("team_id", "The selected team id " + teamId + " is invalid.");
            }
        }
        errors.throwIfAny();
        if (options.assignToOncall()) {
            named.forEach(teamId -> scheduleChoice.requireFor(options.oncallScheduleId(), teamId, caller));
        }
        return new CheckedDelivery(source, List.copyOf(actions), List.copyOf(teamIds), options, caller);
    }

    public IntegrationSummary execute(CheckedDelivery delivery) {
        List<AlertOutcome> outcomes = new ArrayList<>();
        List<AlertAction> actions = delivery.actions();
        for (int i = 0; i < actions.size(); i++) {
            AlertAction action = actions.get(i);
            try {
                outcomes.add(execute(action, delivery.teamIds().get(i), delivery));
            } catch (ContendedWriteException e) {
                throw e;
            } catch (RuntimeException e) {
                log.error("Alert {} of {} ({}) from {} failed; the delivery is answered with 503 so that it is retried",
                        i + 1, actions.size(), action.key(), delivery.source(), e);
                throw deliverAgain("Alert " + (i + 1) + " of " + actions.size() + " (" + action.key()
                        + ") could not be handled; the alerts before it were. Deliver the payload again: handling it twice is safe.", e);
            }
        }
        return new IntegrationSummary(List.copyOf(outcomes));
    }

    /** A 503 with {@code Retry-After}, so that the tool delivers the payload again after a pause. */
    private static ErrorResponseException deliverAgain(String message, RuntimeException cause) {
        ErrorResponseException answer = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE,
                ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, message), cause);
        answer.getHeaders().set(HttpHeaders.RETRY_AFTER, DELIVER_AGAIN_AFTER_SECONDS);
        return answer;
    }

    private AlertOutcome execute(AlertAction action, long teamId, CheckedDelivery delivery) {
        if (action instanceof AlertAction.Open open) {
            return open(open, teamId, delivery);
        }
        if (action instanceof AlertAction.Resolve) {
            return resolve(action.key(), teamId, delivery);
        }
        if (action instanceof AlertAction.Acknowledge) {
            return acknowledge(action.key(), teamId, delivery);
        }
        if (action instanceof AlertAction.Reopen) {
            return reopen(action.key(), teamId, delivery);
        }
        return AlertOutcome.ignored(action.key(), null, ((AlertAction.Ignore) action).reason());
    }

    private AlertOutcome open(AlertAction.Open open, long teamId, CheckedDelivery delivery) {
        IntegrationOptions options = delivery.options();
        IncidentRequest request = new IncidentRequest(teamId, open.title(), open.severity(), open.description(),
                delivery.source(), open.key(), open.metadata(), open.tags(), options.assignToOncall(),
                options.oncallScheduleId(), IncidentStatus.OPEN);
        CreateIncidentResult result = intake.open(request, delivery.caller().actor(), now());
        AlertOutcome.Action action = result.outcome() == CreateIncidentResult.Outcome.CREATED
                ? AlertOutcome.Action.CREATED : AlertOutcome.Action.REPEATED;
        return AlertOutcome.of(open.key(), action, result.incidentId());
    }

    private AlertOutcome resolve(String key, long teamId, CheckedDelivery delivery) {
        Optional<LatestGeneration> latest = lookup.latestGeneration(teamId, key);
        if (latest.isEmpty()) {
            return AlertOutcome.ignored(key, null, "No incident was opened for this alert.");
        }
        if (!latest.get().resolved()) {
            commandGateway.sendAndWait(new ResolveIncidentCommand(incidentKey(teamId, key, latest.get()),
                    "Resolved by " + delivery.source() + ".", now(), delivery.caller().actor()));
        }
        return AlertOutcome.of(key, AlertOutcome.Action.RESOLVED, latest.get().incidentId());
    }

    private AlertOutcome acknowledge(String key, long teamId, CheckedDelivery delivery) {
        Optional<LatestGeneration> latest = lookup.latestGeneration(teamId, key);
        if (latest.isEmpty()) {
            return AlertOutcome.ignored(key, null, "No incident was opened for this alert.");
        }
        long incidentId = latest.get().incidentId();
        if (latest.get().resolved()) {
            return AlertOutcome.ignored(key, incidentId, "Incident " + incidentId + " is resolved already.");
        }
        try {
            commandGateway.sendAndWait(new AcknowledgeIncidentCommand(incidentKey(teamId, key, latest.get()),
                    "Acknowledged in " + delivery.source() + ".", now(), delivery.caller().actor()));
        } catch (IncidentTransitionException e) {
            return AlertOutcome.ignored(key, incidentId, e.getMessage());
        }
        return AlertOutcome.of(key, AlertOutcome.Action.ACKNOWLEDGED, incidentId);
    }

    private AlertOutcome reopen(String key, long teamId, CheckedDelivery delivery) {
        Optional<LatestGeneration> latest = lookup.latestGeneration(teamId, key);
        if (latest.isEmpty()) {
            return AlertOutcome.ignored(key, null, "No incident was opened for this alert.");
        }
        long incidentId = latest.get().incidentId();
        if (!latest.get().resolved()) {
            return AlertOutcome.ignored(key, incidentId, "Incident " + incidentId + " is not resolved.");
        }
        try {
            commandGateway.sendAndWait(new ReopenIncidentCommand(incidentKey(teamId, key, latest.get()),
                    "Reopened in " + delivery.source() + ".", now(), delivery.caller().actor()));
        } catch (IncidentTransitionException e) {
            return AlertOutcome.ignored(key, incidentId, e.getMessage());
        }
        return AlertOutcome.of(key, AlertOutcome.Action.REOPENED, incidentId);
    }

    private static String incidentKey(long teamId, String externalId, LatestGeneration latest) {
        return IncidentKey.forExternalId(teamId, externalId, latest.generation());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
