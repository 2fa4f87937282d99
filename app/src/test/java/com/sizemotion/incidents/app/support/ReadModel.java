package com.sizemotion.incidents.app.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.function.Predicate;

/** Reads incidents that were written without waiting for the read model (webhook deliveries answer at once). */
public final class ReadModel {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private ReadModel() {
    }

    /** The incident as {@code GET /api/v1/incidents/{id}} shows it, once it satisfies {@code condition}. */
    public static JsonNode awaitIncident(ApiClient api, String token, long id, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        ApiClient.Response last = null;
        while (System.nanoTime() < deadline) {
            last = api.getAsToken("/api/v1/incidents/" + id, token);
            if (last.status() == 200 && condition.test(last.data())) {
                return last.data();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Incident " + id + " did not reach the expected state; last answer: "
                + (last == null ? "none" : last.status() + " " + last.raw().body()));
    }

    public static JsonNode awaitIncident(ApiClient api, String token, long id) {
        return awaitIncident(api, token, id, incident -> true);
    }

    public static Predicate<JsonNode> status(String status) {
        return incident -> status.equals(incident.get("status").asText());
    }
}
