-- Public incident ids.
CREATE SEQUENCE incident_id_seq START WITH 1 INCREMENT BY 1;

-- Command side: which aggregate holds an incident, and the current generation of each
-- (team, external id). Written in the transaction that appends the incident's events.
CREATE TABLE incident_lookup (
    incident_key VARCHAR(255) PRIMARY KEY,
    incident_id  BIGINT       NOT NULL,
    team_id      BIGINT       NOT NULL,
    external_id  VARCHAR(255),
    generation   INTEGER      NOT NULL,
    resolved     BOOLEAN      NOT NULL,
    CONSTRAINT incident_lookup_incident_id_uk UNIQUE (incident_id),
    CONSTRAINT incident_lookup_generation_uk UNIQUE (team_id, external_id, generation)
);

-- Query side: incidents as clients read them, built by the incident-projection processor.
CREATE TABLE incident_view (
    id                   BIGINT PRIMARY KEY,
    incident_key         VARCHAR(255)             NOT NULL,
    team_id              BIGINT                   NOT NULL,
    title                VARCHAR(255)             NOT NULL,
    description          TEXT,
    severity             SMALLINT                 NOT NULL,
    status               VARCHAR(20)              NOT NULL,
    source               VARCHAR(100),
    external_id          VARCHAR(255),
    metadata             TEXT                     NOT NULL,
    tags                 TEXT                     NOT NULL,
    occurrences          INTEGER                  NOT NULL,
    previous_incident_id BIGINT,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    version              BIGINT                   NOT NULL
);

CREATE INDEX incident_view_team_created_idx ON incident_view (team_id, created_at);
