-- PagerDuty v3 webhook signing secret of an API token. Kept as given, not hashed: checking a
-- delivery's HMAC-SHA256 signature needs the secret itself. Never shown by the API.
ALTER TABLE api_token ADD COLUMN pagerduty_signing_secret VARCHAR(255);

-- Webhook deliveries handled successfully, by the sender's delivery id (PagerDuty's X-Webhook-Id),
-- with the answer they got, so that a redelivery changes nothing. Rows older than 7 days are purged.
CREATE TABLE webhook_delivery (
    source      VARCHAR(50)              NOT NULL,
    caller      VARCHAR(150)             NOT NULL,
    delivery_id VARCHAR(255)             NOT NULL,
    response    TEXT                     NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT webhook_delivery_pk PRIMARY KEY (source, caller, delivery_id)
);

CREATE INDEX webhook_delivery_created_idx ON webhook_delivery (created_at);
