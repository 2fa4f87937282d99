package com.sizemotion.incidents.query.incident;

import com.sizemotion.incidents.api.access.Actor;
import com.sizemotion.incidents.api.incident.IncidentAcknowledgedEvent;
import com.sizemotion.incidents.api.incident.IncidentAlertRepeatedEvent;
import com.sizemotion.incidents.api.incident.IncidentAssignedEvent;
import com.sizemotion.incidents.api.incident.IncidentCreatedEvent;
import com.sizemotion.incidents.api.incident.IncidentNotAssignedEvent;
import com.sizemotion.incidents.api.incident.IncidentNoteAddedEvent;
import com.sizemotion.incidents.api.incident.IncidentReopenedEvent;
import com.sizemotion.incidents.api.incident.IncidentResolvedEvent;
import com.sizemotion.incidents.api.incident.IncidentSeverityRaisedEvent;
import com.sizemotion.incidents.api.incident.IncidentUpdatedEvent;
import com.sizemotion.incidents.api.incident.Severity;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An incident's history straight from its event stream: every event in order with its time,
 * actor and readable details, and the incident as it was at any past instant.
 */
@Component
class IncidentHistory {

    /** One event of an incident's history, as auditors read it. */
    record Entry(long sequence, String type, Instant at, Map<String, Object> actor, Map<String, Object> details) {
    }

    private final EventStore eventStore;

    IncidentHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    List<Entry> entries(String incidentKey) {
        List<Entry> entries = new ArrayList<>();
        eventStore.readEvents(incidentKey).asStream().forEach(message -> entries.add(new Entry(
                message.getSequenceNumber(), type(message.getPayload()), message.getTimestamp(),
                actor(message.getPayload()), details(message.getPayload()))));
        return entries;
    }

    /**
     * The incident as its events up to {@code instant} made it; empty when it did not exist yet.
     * Each event counts from the time it records and the incident shows ({@code created_at},
     * {@code updated_at}, ...), not from the event store's stamp, which is taken later: the
     * instant an incident shows always finds that state. An instant in whole seconds covers all of
     * that second, as the API shows times in whole seconds. The first event recorded after the
     * instant ends the history, so the answer is always a state the incident really had.
     */
    Optional<IncidentState> asOf(String incidentKey, Instant instant) {
        Instant until = instant.getNano() == 0 ? instant.plusSeconds(1).minusNanos(1) : instant;
        return fold(incidentKey, until);
    }

    /** The incident as all its events made it, whether the read model could apply them or not. */
    Optional<IncidentState> current(String incidentKey) {
        return fold(incidentKey, Instant.MAX);
    }

    private Optional<IncidentState> fold(String incidentKey, Instant until) {
        IncidentState state = null;
        for (DomainEventMessage<?> message : eventStore.readEvents(incidentKey).asStream().toList()) {
            Optional<IncidentState> next = message.getPayload() instanceof IncidentCreatedEvent created
                    ? Optional.of(IncidentEvolution.created(created, message.getSequenceNumber()))
                    : Optional.ofNullable(state).flatMap(s -> IncidentEvolution.apply(s, message.getPayload(), message.getSequenceNumber()));
            if (next.isPresent()) {
                if (next.get().updatedAt().isAfter(until)) {
                    break;
                }
                state = next.get();
            }
        }
        return Optional.ofNullable(state);
    }

    /** {@code IncidentAlertRepeatedEvent} is {@code alert_repeated}. */
    static String type(Object payload) {
        String name = payload.getClass().getSimpleName().replaceFirst("^Incident", "").replaceFirst("Event$", "");
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    private static Map<String, Object> actor(Object payload) {
        Object actor = component(payload, "actor");
        if (!(actor instanceof Actor a)) {
            return Map.of("type", "system", "id", "incident-service", "name", "incident-service");
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", a.type().name().toLowerCase());
        view.put("id", a.id());
        view.put("name", a.name());
        return view;
    }

    private static Map<String, Object> details(Object payload) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (payload instanceof IncidentCreatedEvent e) {
            details.put("title", e.title());
            details.put("severity", e.severity().label());
            details.put("status", e.status().wireName());
            putIfPresent(details, "source", e.source());
            putIfPresent(details, "external_id", e.externalId());
            putIfPresent(details, "previous_incident_id", e.previousIncidentId());
            if (e.assignToOncall()) {
                details.put("oncall_schedule_id", e.oncallScheduleId());
            }
        } else if (payload instanceof IncidentAlertRepeatedEvent e) {
            details.put("occurrences", e.occurrences());
            details.put("reported_severity", e.reportedSeverity().label());
            putIfPresent(details, "source", e.source());
        } else if (payload instanceof IncidentSeverityRaisedEvent e) {
            details.put("from", e.from().label());
            details.put("to", e.to().label());
        } else if (payload instanceof IncidentAcknowledgedEvent e) {
            putIfPresent(details, "note", e.note());
        } else if (payload instanceof IncidentResolvedEvent e) {
            putIfPresent(details, "note", e.note());
        } else if (payload instanceof IncidentReopenedEvent e) {
            putIfPresent(details, "note", e.note());
        } else if (payload instanceof IncidentUpdatedEvent e) {
            putIfPresent(details, "title", e.title());
            if (e.descriptionChanged()) {
                details.put("description", e.description());
            }
            putIfPresent(details, "severity", e.severity() == null ? null : e.severity().label());
            putIfPresent(details, "tags", e.tags());
        } else if (payload instanceof IncidentNoteAddedEvent e) {
            details.put("body", e.body());
        } else if (payload instanceof IncidentAssignedEvent e) {
            Map<String, Object> assignee = new LinkedHashMap<>();
            assignee.put("id", e.assignee().id());
            assignee.put("name", e.assignee().name());
            assignee.put("email", e.assignee().email());
            details.put("assignee", assignee);
            if (e.scheduleId() == null) {
                details.put("reason", "assigned by hand");
            } else {
                details.put("reason", e.overrideId() != null ? "override" : "on call");
                details.put("schedule_id", e.scheduleId());
                putIfPresent(details, "layer", e.layer());
                putIfPresent(details, "override_id", e.overrideId());
                details.put("evaluated_at", e.evaluatedAt());
            }
        } else if (payload instanceof IncidentNotAssignedEvent e) {
            details.put("reason", e.reason().name().toLowerCase());
            details.put("schedule_id", e.scheduleId());
            details.put("evaluated_at", e.evaluatedAt());
        } else {
            genericDetails(payload, details);
        }
        return details;
    }

    /** Events this class has no wording for yet still show all their fields. */
    private static void genericDetails(Object payload, Map<String, Object> details) {
        if (!payload.getClass().isRecord()) {
            return;
        }
        for (RecordComponent component : payload.getClass().getRecordComponents()) {
            String name = component.getName();
            if (name.equals("incidentKey") || name.equals("incidentId") || name.equals("actor")) {
                continue;
            }
            Object value = component(payload, name);
            putIfPresent(details, name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(),
                    value instanceof Severity severity ? severity.label() : value);
        }
    }

    private static Object component(Object payload, String name) {
        if (!payload.getClass().isRecord()) {
            return null;
        }
        for (RecordComponent component : payload.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                try {
                    return component.getAccessor().invoke(payload);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot read " + name + " of " + payload, e);
                }
            }
        }
        return null;
    }

    private static void putIfPresent(Map<String, Object> details, String key, Object value) {
        if (value != null) {
            details.put(key, value);
        }
    }
}
