package com.sizemotion.incidents.query.projection;

import com.sizemotion.incidents.api.incident.IncidentEvent;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The dead letters of each processing group that keeps them (its events it could not apply): as
 * the admin sees them, retried, or dropped. A dead letter's sequence is the aggregate whose later
 * events wait behind it: for the incident projection, one incident.
 */
@Component
public class DeadLetters {

    /** At most this many dead letters are listed in one answer; the count is always complete. */
    static final int LISTED = 500;

    /**
     * One dead letter.
     *
     * @param incidentId        the incident whose event it is, when the event is an incident's
     * @param globalIndex       the event's position in the event store
     * @param aggregateSequence the event's sequence number within its aggregate
     * @param causeType         why it failed: {@code SQLState <code>} or an exception's class; {@code null} for an
     *                          event that only waits behind an earlier dead letter of its sequence
     * @param retries           how often it was retried and failed again
     */
    public record Letter(String sequence, Long incidentId, String eventType, Long globalIndex, Long aggregateSequence,
                         String causeType, String causeMessage, Instant enqueuedAt, Instant lastTouched, long retries) {
    }

    /** What one retry did: the sequences whose letters all applied and were removed, and the dead letters left. */
    public record RetryOutcome(List<String> retried, long stillDead, List<Letter> deadLetters) {
    }

    private final EventProcessingConfiguration processing;
    private final TransactionTemplate transactions;

    DeadLetters(EventProcessingConfiguration processing, PlatformTransactionManager transactionManager) {
        this.processing = processing;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Whether the processor keeps dead letters at all (event processors of read models do; sagas cannot). */
    public boolean keeps(String processor) {
        return processing.deadLetterQueue(processor).isPresent();
    }

    /** How many dead letters the processor has; empty when it keeps none. */
    public Optional<Long> count(String processor) {
        return processing.deadLetterQueue(processor).map(SequencedDeadLetterQueue::size);
    }

    /** The processor's dead letters, oldest sequence first (at most {@value #LISTED}). */
    public List<Letter> list(String processor) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processor);
        return transactions.execute(tx -> {
            List<Letter> letters = new ArrayList<>();
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    if (letters.size() == LISTED) {
                        return letters;
                    }
                    letters.add(describe(letter));
                }
            }
            return letters;
        });
    }

    /**
     * Processes every sequence again, in order, through the processor's handlers (after the cause
     * was fixed): a sequence whose letters all apply leaves the queue; one that fails again stays,
     * from the letter that failed, with its retries counted.
     */
    public RetryOutcome retry(String processor) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processor);
        SequencedDeadLetterProcessor<EventMessage<?>> letters = processing.sequencedDeadLetterProcessor(processor)
                .orElseThrow(() -> new IllegalStateException(processor + " has a dead-letter queue but no processor for it"));
        Set<String> sequences = new LinkedHashSet<>();
        transactions.executeWithoutResult(tx -> queue.deadLetters().forEach(sequence -> sequence.forEach(
                letter -> sequences.add(sequenceOf(letter)))));
        List<String> retried = new ArrayList<>();
        for (String sequence : sequences) {
            if (letters.process(letter -> sequence.equals(sequenceOf(letter)))) {
                retried.add(sequence);
            }
        }
        return new RetryOutcome(retried, queue.size(), list(processor));
    }

    /** Removes every dead letter of one sequence without applying it; empty when the sequence has none. */
    public List<Letter> drop(String processor, String sequence) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processor);
        return transactions.execute(tx -> {
            List<Letter> dropped = new ArrayList<>();
            for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(sequence)) {
                dropped.add(describe(letter));
                queue.evict(letter);
            }
            return dropped;
        });
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String processor) {
        return processing.deadLetterQueue(processor)
                .orElseThrow(() -> new IllegalArgumentException(processor + " keeps no dead letters"));
    }

    private static Letter describe(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        Long globalIndex = message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().stream().boxed().findFirst().orElse(null) : null;
        Long aggregateSequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        Long incidentId = message.getPayload() instanceof IncidentEvent event ? event.incidentId() : null;
        Optional<Cause> cause = letter.cause();
        return new Letter(sequenceOf(letter), incidentId, message.getPayloadType().getSimpleName(), globalIndex,
                aggregateSequence, cause.map(Cause::type).orElse(null), cause.map(Cause::message).orElse(null),
                letter.enqueuedAt(), letter.lastTouched(), DeadLetterPolicy.retriesOf(letter));
    }

    private static String sequenceOf(DeadLetter<?> letter) {
        return ((JdbcDeadLetter<?>) letter).getSequenceIdentifier();
    }
}
