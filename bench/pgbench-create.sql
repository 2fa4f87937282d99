-- pgbench custom script: the database work of one incident create, done directly.
-- One transaction = a public id from a sequence + one event row shaped like Axon's
-- (domain_event_entry) + one read-model row (incident_view). Runs against the scratch tables of
-- pgbench-schema.sql. Only numeric pgbench variables are used, so the script works in every
-- query mode (simple, extended, prepared). pgbench substitutes :name even inside string literals,
-- so a colon in the SQL below is never directly followed by a letter or digit (hence "key": value).
\set team_id 1
BEGIN;
SELECT nextval('incident_id_seq') AS iid \gset
INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                payload_type, payload_revision, payload, meta_data)
VALUES (gen_random_uuid()::text,
        'incident-' || :team_id::text || '-' || encode(sha256(convert_to('bench-' || :iid::text, 'UTF8')), 'hex') || '-g0',
        0,
        'Incident',
        replace((clock_timestamp() AT TIME ZONE 'UTC')::text, ' ', 'T') || 'Z',
        'com.sizemotion.incidents.api.incident.IncidentCreatedEvent',
        NULL,
        convert_to(rpad('{"incidentKey": "incident-' || :team_id::text || '-bench-' || :iid::text || '-g0","incidentId": ' || :iid::text
                        || ',"teamId": ' || :team_id::text || ',"title": "bench incident ' || :iid::text
                        || '","severity": "SEV2","description": null,"source": null,"externalId": "bench-' || :iid::text
                        || '","metadata": {},"tags": [],"assignToOncall": false,"oncallScheduleId": null,'
                        || '"status": "OPEN","previousIncidentId": null,"createdAt": "'
                        || replace((clock_timestamp() AT TIME ZONE 'UTC')::text, ' ', 'T') || 'Z'
                        || '","actor": {"type": "API_TOKEN","id": 1,"name": "bench"}}', 600, ' '), 'UTF8'),
        convert_to('{"traceId": "' || gen_random_uuid() || '","correlationId": "' || gen_random_uuid() || '"}', 'UTF8'));
INSERT INTO incident_view (id, incident_key, team_id, title, description, severity, status, source, external_id,
                           metadata, tags, occurrences, previous_incident_id, created_at, updated_at, version)
VALUES (:iid,
        'incident-' || :team_id::text || '-' || encode(sha256(convert_to('bench-' || :iid::text, 'UTF8')), 'hex') || '-g0',
        :team_id, 'bench incident ' || :iid::text, NULL, 2, 'open', NULL, 'bench-' || :iid::text,
        '{}', '[]', 1, NULL, now(), now(), 0);
END;
