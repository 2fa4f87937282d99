package com.sizemotion.incidents.query.incident;

import java.time.Instant;

/** One rebuild of a read model: {@code running}, {@code done} or {@code failed}, with how many events it replayed. */
public record ProjectionRebuild(String status, Instant startedAt, Instant finishedAt, long replayedEvents, String error) {
}
