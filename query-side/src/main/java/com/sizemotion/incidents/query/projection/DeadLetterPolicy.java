package com.sizemotion.incidents.query.projection;

import com.sizemotion.incidents.query.support.ProjectionFailure;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;

/**
 * Which failed events go to a processing group's dead-letter queue. A failure of the event itself
 * (a constraint, a value the database refuses, a bug) is dead-lettered at once: the same event
 * fails the same way on every attempt, and waiting for it would stop every incident of its
 * segment. A transient failure (the database unreachable, restarting, out of connections, a lock
 * conflict: see {@link ProjectionFailure}) is never dead-lettered: it is thrown on, so the
 * processor rolls the batch back and tries it again with growing back-off until the database
 * answers, and an outage parks nothing. The dead letter keeps a description without SQL text and
 * counts its retries in its diagnostics.
 */
public class DeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    static final String RETRIES = "retries";

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        ProjectionFailure failure = ProjectionFailure.of(cause);
        if (failure.isTransient()) {
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure.summary(), cause);
        }
        return Decisions.<EventMessage<?>>enqueue(new ThrowableCause(failure.type(), failure.message()), DeadLetterPolicy::countRetry);
    }

    /** A letter read back from the queue failed again; a new one (not yet stored) failed for the first time. */
    private static MetaData countRetry(DeadLetter<?> letter) {
        return letter.diagnostics().and(RETRIES, letter instanceof JdbcDeadLetter<?> ? retriesOf(letter) + 1 : 0L);
    }

    static long retriesOf(DeadLetter<?> letter) {
        return letter.diagnostics().get(RETRIES) instanceof Number n ? n.longValue() : 0;
    }
}
