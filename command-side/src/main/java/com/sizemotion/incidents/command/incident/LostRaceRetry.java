package com.sizemotion.incidents.command.incident;

import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Runs a write again when another writer (a request on this node or on another node) appended to
 * the same aggregate or claimed the same lookup row first, after a short random pause that grows
 * with each attempt, so that two nodes racing for one incident stop colliding. When every attempt
 * lost, the write gives up with {@link ContendedWriteException}: nothing was written, and the
 * client may send the request again.
 */
public final class LostRaceRetry {

    /** The policy of every incident write: ten attempts, pauses of up to 5 ms times the attempt. */
    public static final LostRaceRetry INCIDENT_WRITES = new LostRaceRetry(10, Duration.ofMillis(5));

    private static final Logger log = LoggerFactory.getLogger(LostRaceRetry.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private final int maxAttempts;
    private final long backOffStepNanos;

    LostRaceRetry(int maxAttempts, Duration backOffStep) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("At least one attempt, not " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.backOffStepNanos = backOffStep.toNanos();
    }

    /** Runs the write until it succeeds; a write that fails for another reason than a lost race fails at once. */
    public <T> T run(Supplier<T> write) {
        return runUntilDone(() -> Optional.of(write.get()));
    }

    /**
     * Runs the attempt until it answers: an empty answer means that what the attempt read changed
     * before it could write (as a lost race does) and it must read again.
     */
    public <T> T runUntilDone(Supplier<Optional<T>> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                Optional<T> done = write.get();
                if (done.isPresent()) {
                    return done.get();
                }
                if (attempt == maxAttempts) {
                    throw gaveUp(null);
                }
            } catch (RuntimeException e) {
                if (!lostRace(e)) {
                    throw e;
                }
                if (attempt == maxAttempts) {
                    throw gaveUp(e);
                }
            }
            backOff(attempt);
        }
    }

    private ContendedWriteException gaveUp(RuntimeException lastLostRace) {
        log.warn("A write lost the race to other writers {} times and was given up; the client was asked to retry",
                maxAttempts, lastLostRace);
        return new ContendedWriteException(lastLostRace);
    }

    private void backOff(int attempt) {
        if (backOffStepNanos > 0) {
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, backOffStepNanos * attempt + 1));
        }
    }

    /** Another writer appended to the same aggregate or claimed the same lookup row first. */
    static boolean lostRace(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return true;
            }
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
