package com.sizemotion.incidents.query.incident;

import com.sizemotion.incidents.api.incident.IncidentEvent;
import com.sizemotion.incidents.query.support.FailureIsolation;
import com.sizemotion.incidents.query.support.ProjectionFailure;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.ThrowableCause;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One replay of the event store into a rebuild table, read straight from the event table (every
 * event committed on any node by the time of the read, including those of transactions that were
 * still open when the replay first passed their position). An event it cannot apply goes to the
 * live projection's dead-letter queue, with the later events of its incident, exactly as the live
 * projection parks them: the rebuild goes on, and the admin retries or drops them later.
 */
final class IncidentViewReplay {

    private final EventStorageEngine events;
    private final IncidentViewWriter writer;
    private final FailureIsolation isolation;
    private final SequencedDeadLetterQueue<EventMessage<?>> deadLetters;
    private final SequencingPolicy<? super EventMessage<?>> sequencing;
    private final String table;
    private final Set<Object> deadSequences = new HashSet<>();
    private TrackingToken position;
    private long replayed;
    private long deadLettered;

    IncidentViewReplay(EventStorageEngine events, IncidentViewWriter writer, FailureIsolation isolation,
                       SequencedDeadLetterQueue<EventMessage<?>> deadLetters,
                       SequencingPolicy<? super EventMessage<?>> sequencing, String table) {
        this.events = events;
        this.writer = writer;
        this.isolation = isolation;
        this.deadLetters = deadLetters;
        this.sequencing = sequencing;
        this.table = table;
    }

    /**
     * Applies up to {@code limit} of the next events in the caller's transaction; returns how many
     * it read. The batch runs in one savepoint; only when that fails does each event get one of its
     * own, so that the failing one alone is dead-lettered.
     */
    int next(int limit) {
        List<? extends TrackedEventMessage<?>> batch;
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(position, false)) {
            batch = stream.limit(limit).toList();
        }
        if (batch.isEmpty()) {
            return 0;
        }
        long parked;
        try {
            parked = isolation.inSavepoint(() -> batch.stream().filter(this::applyOrPark).count());
        } catch (RuntimeException batchFailed) {
            if (ProjectionFailure.of(batchFailed).isTransient()) {
                throw batchFailed;
            }
            parked = batch.stream().filter(this::applyAlone).count();
        }
        position = batch.get(batch.size() - 1).trackingToken();
        replayed += batch.size();
        deadLettered += parked;
        return batch.size();
    }

    long replayed() {
        return replayed;
    }

    long deadLettered() {
        return deadLettered;
    }

    /** @return whether the event was dead-lettered instead of applied */
    private boolean applyOrPark(TrackedEventMessage<?> message) {
        if (!(message instanceof DomainEventMessage<?> domainEvent) || !(domainEvent.getPayload() instanceof IncidentEvent event)) {
            return false;
        }
        Object sequence = sequencing.getSequenceIdentifierFor(message);
        if (deadSequences.contains(sequence)) {
            park(new GenericDeadLetter<EventMessage<?>>(sequence, message));
            return true;
        }
        writer.applyInOrder(table, event, domainEvent.getSequenceNumber());
        return false;
    }

    private boolean applyAlone(TrackedEventMessage<?> message) {
        try {
            return isolation.inSavepoint(() -> applyOrPark(message));
        } catch (RuntimeException e) {
            ProjectionFailure failure = ProjectionFailure.of(e);
            if (failure.isTransient()) {
                throw e;
            }
            Object sequence = sequencing.getSequenceIdentifierFor(message);
            deadSequences.add(sequence);
            park(new GenericDeadLetter<EventMessage<?>>(sequence, message, new ThrowableCause(failure.type(), failure.message())));
            return true;
        }
    }

    /** Enqueues the letter unless the live projection dead-lettered the same event already. */
    private void park(GenericDeadLetter<EventMessage<?>> letter) {
        for (DeadLetter<? extends EventMessage<?>> parked : deadLetters.deadLetterSequence(letter.getSequenceIdentifier())) {
            if (parked.message().getIdentifier().equals(letter.message().getIdentifier())) {
                return;
            }
        }
        deadLetters.enqueue(letter.getSequenceIdentifier(), letter);
    }
}
