-- Incremented whenever a token's rate limit changes (PATCH), even back to an earlier value: every
-- node hands it to Bucket4j as the configuration version, so the stored bucket is replaced once.
ALTER TABLE api_token ADD COLUMN limit_version BIGINT NOT NULL DEFAULT 1;

-- Buckets written before this migration carry the limit itself as their configuration version,
-- which would outrank limit_version; they hold at most a minute of state, so start them afresh.
DELETE FROM rate_limit_bucket;
