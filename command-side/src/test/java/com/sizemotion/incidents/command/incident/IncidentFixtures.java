package com.sizemotion.incidents.command.incident;

import com.sizemotion.incidents.api.access.Actor;
import com.sizemotion.incidents.api.incident.CreateIncidentCommand;
import com.sizemotion.incidents.api.incident.IncidentAlertRepeatedEvent;
import com.sizemotion.incidents.api.incident.IncidentCreatedEvent;
import com.sizemotion.incidents.api.incident.IncidentKey;
import com.sizemotion.incidents.api.incident.IncidentSeverityRaisedEvent;
import com.sizemotion.incidents.api.incident.IncidentStatus;
import com.sizemotion.incidents.api.incident.RepeatAlertCommand;
import com.sizemotion.incidents.api.incident.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Commands and events of one alert from Datadog, as the Incident aggregate sees them. */
final class IncidentFixtures {

    static final long INCIDENT_ID = 1234L;
    static final long TEAM_ID = 5L;
    static final String EXTERNAL_ID = "datadog_alert_12345";
    static final String KEY = IncidentKey.forExternalId(TEAM_ID, EXTERNAL_ID, 0);
    static final String TITLE = "High CPU usage on web-01";
    static final Severity SEVERITY = Severity.SEV2;
    static final Instant CREATED_AT = Instant.parse("2026-01-28T12:34:56Z");
    static final Instant REPEATED_AT = CREATED_AT.plusSeconds(300);
    static final Actor ACTOR = Actor.token(7L, "Datadog Production");

    private IncidentFixtures() {
    }

    static CreateIncidentCommand createCommand(String key) {
        return createCommand(key, SEVERITY, IncidentStatus.OPEN);
    }

    static CreateIncidentCommand createCommand(String key, Severity severity, IncidentStatus status) {
        return new CreateIncidentCommand(key, TEAM_ID, TITLE, severity, "CPU usage exceeded 90% for 5 minutes",
                "datadog", EXTERNAL_ID, Map.of("host", "web-01.example.com"), List.of("production", "web-server"),
                false, null, status, null, CREATED_AT, ACTOR);
    }

    /** The same alert arriving again later, worded differently and with the given severity. */
    static RepeatAlertCommand repeatCommand(String key, Severity severity) {
        return new RepeatAlertCommand(key, severity, "datadog", REPEATED_AT, ACTOR);
    }

    static IncidentCreatedEvent createdEvent(String key) {
        return createdEvent(createCommand(key));
    }

    static IncidentCreatedEvent createdEvent(String key, Severity severity, IncidentStatus status) {
        return createdEvent(createCommand(key, severity, status));
    }

    static IncidentCreatedEvent createdEvent(CreateIncidentCommand command) {
        return new IncidentCreatedEvent(command.incidentKey(), INCIDENT_ID, command.teamId(), command.title(),
                command.severity(), command.description(), command.source(), command.externalId(),
                command.metadata(), command.tags(), command.assignToOncall(), command.oncallScheduleId(),
                command.status(), command.previousIncidentId(), command.requestedAt(), command.actor());
    }

    static IncidentAlertRepeatedEvent repeatedEvent(RepeatAlertCommand repeat, int occurrences) {
        return new IncidentAlertRepeatedEvent(repeat.incidentKey(), INCIDENT_ID, occurrences, repeat.source(),
                repeat.severity(), repeat.requestedAt(), repeat.actor());
    }

    static IncidentSeverityRaisedEvent severityRaisedEvent(RepeatAlertCommand repeat, Severity from) {
        return new IncidentSeverityRaisedEvent(repeat.incidentKey(), INCIDENT_ID, from, repeat.severity(),
                repeat.requestedAt(), repeat.actor());
    }
}
