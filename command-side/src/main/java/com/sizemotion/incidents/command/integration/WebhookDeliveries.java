package com.sizemotion.incidents.command.integration;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Webhook deliveries handled successfully, by the sender's delivery id (PagerDuty's
 * {@code X-Webhook-Id}, repeated on every redelivery), with the answer they got. Kept for
 * {@link #RETENTION}, far longer than any sender retries. Scoped by caller, so that one token can
 * never read another's answer by guessing a delivery id.
 */
@Repository
public class WebhookDeliveries {

    static final Duration RETENTION = Duration.ofDays(7);
    private static final int ID_MAX = 255;

    private final JdbcClient jdbc;

    WebhookDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The answer a delivery with this id got, if it was handled already. */
    public Optional<String> answerTo(String source, String caller, String deliveryId) {
        return jdbc.sql("SELECT response FROM webhook_delivery WHERE source = ? AND caller = ? AND delivery_id = ?")
                .params(source, caller, fit(deliveryId))
                .query(String.class)
                .optional();
    }

    /** Records a delivery once it was handled; a delivery handled twice at the same time keeps the first answer. */
    public void record(String source, String caller, String deliveryId, String response, Instant at) {
        try {
            jdbc.sql("""
                            INSERT INTO webhook_delivery (source, caller, delivery_id, response, created_at)
                            VALUES (?, ?, ?, ?, ?)""")
                    .params(source, caller, fit(deliveryId), response, Timestamp.from(at))
                    .update();
        } catch (DuplicateKeyException e) {
            return;
        }
        jdbc.sql("DELETE FROM webhook_delivery WHERE created_at < ?").param(Timestamp.from(at.minus(RETENTION))).update();
    }

    private static String fit(String deliveryId) {
        if (deliveryId.length() <= ID_MAX) {
            return deliveryId;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(deliveryId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
