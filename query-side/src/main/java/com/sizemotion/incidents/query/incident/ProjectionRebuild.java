package com.sizemotion.incidents.query.incident;

import java.time.Instant;

/**
 * One rebuild of a read model: {@code running}, {@code done} or {@code failed}, with how many
 * events it replayed and how many of them it could not apply and dead-lettered instead.
 *
 * @param error why it failed, without SQL text
 */
public record ProjectionRebuild(String status, Instant startedAt, Instant finishedAt, long replayedEvents,
                                long deadLetteredEvents, String error) {
}
