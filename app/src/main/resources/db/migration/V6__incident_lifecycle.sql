-- Lifecycle times for MTTA/MTTR, and the state of read-model rebuilds.
ALTER TABLE incident_view ADD COLUMN acknowledged_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE incident_view ADD COLUMN resolved_at TIMESTAMP WITH TIME ZONE;

CREATE TABLE projection_rebuild (
    projection      VARCHAR(100)             PRIMARY KEY,
    status          VARCHAR(20)              NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE,
    replayed_events BIGINT                   NOT NULL,
    error           TEXT
);
