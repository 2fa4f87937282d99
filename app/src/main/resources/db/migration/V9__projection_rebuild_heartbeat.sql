-- A rebuild that stops reporting progress (its node died) no longer blocks the next one.
ALTER TABLE projection_rebuild ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;
UPDATE projection_rebuild SET heartbeat_at = started_at;
