-- Search and reports on incident_view stay fast at millions of incidents: every filter has an
-- index that also serves the sort by creation time (newest first, id breaking ties).
DROP INDEX incident_view_team_created_idx;
CREATE INDEX incident_view_created_idx ON incident_view (created_at, id);
CREATE INDEX incident_view_team_created_idx ON incident_view (team_id, created_at, id);
CREATE INDEX incident_view_status_created_idx ON incident_view (status, created_at, id);
CREATE INDEX incident_view_severity_created_idx ON incident_view (severity, created_at, id);
CREATE INDEX incident_view_source_created_idx ON incident_view (source, created_at, id);
CREATE INDEX incident_view_external_id_idx ON incident_view (external_id);
CREATE INDEX incident_view_tags_idx ON incident_view USING gin ((tags::jsonb) jsonb_path_ops);
CREATE INDEX incident_view_text_idx ON incident_view
    USING gin (to_tsvector('simple', title || ' ' || coalesce(description, '')));
