-- The embedded database gets the plain indexes; full-text and tag search scan (fine at its scale).
DROP INDEX incident_view_team_created_idx;
CREATE INDEX incident_view_created_idx ON incident_view (created_at, id);
CREATE INDEX incident_view_team_created_idx ON incident_view (team_id, created_at, id);
CREATE INDEX incident_view_status_created_idx ON incident_view (status, created_at, id);
CREATE INDEX incident_view_external_id_idx ON incident_view (external_id);
