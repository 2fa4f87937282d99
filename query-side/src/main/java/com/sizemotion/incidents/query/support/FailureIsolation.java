package com.sizemotion.incidents.query.support;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs a projection's writes for one event so that, once they have failed, the next attempt
 * cannot take the surrounding transaction down with it. PostgreSQL aborts a whole transaction on
 * any error: the dead-letter queue could then not record the failed event in the batch's
 * transaction, and the processor would retry the batch for ever. Work that failed before, and
 * work retried from the dead-letter queue, therefore runs inside a savepoint; all other work runs
 * plain, as a savepoint per event costs two round trips and a subtransaction each (and more than
 * 64 subtransactions in one transaction slow every snapshot on the server).
 */
@Component
public class FailureIsolation {

    private static final int REMEMBERED = 10_000;

    private final TransactionTemplate savepoint;
    /** Events whose plain attempt failed on this node and that have not succeeded since. */
    private final Set<String> failedBefore = ConcurrentHashMap.newKeySet();

    FailureIsolation(PlatformTransactionManager transactions) {
        savepoint = new TransactionTemplate(transactions);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * @param eventId  the event the work applies
     * @param isolated whether to use a savepoint in any case (a retry of a dead letter)
     */
    public <T> T run(String eventId, boolean isolated, Supplier<T> work) {
        if (isolated || failedBefore.contains(eventId)) {
            T result = inSavepoint(work);
            failedBefore.remove(eventId);
            return result;
        }
        try {
            return work.get();
        } catch (RuntimeException e) {
            if (failedBefore.size() >= REMEMBERED) {
                failedBefore.clear();
            }
            failedBefore.add(eventId);
            throw e;
        }
    }

    /** Runs the work inside a savepoint of the current transaction: when it throws, only its own writes are undone. */
    public <T> T inSavepoint(Supplier<T> work) {
        return savepoint.execute(status -> work.get());
    }
}
