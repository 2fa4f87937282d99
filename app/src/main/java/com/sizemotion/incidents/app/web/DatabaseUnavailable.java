package com.sizemotion.incidents.app.web;

import com.sizemotion.incidents.api.web.BrokenPooledConnection;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one definition of "the database cannot be reached", and the answer to it: 503 in the
 * envelope with {@code Retry-After}, so that clients and webhook senders try again later instead
 * of taking the failure as final. A failure is a database outage when, among its causes:
 * <ul>
 *   <li>the first {@link SQLException} that has an SQLState has one of class 08 (connection
 *       exception: refused, broken, closed), or 57P01–57P03 (the server is shutting down, crashed
 *       or does not accept connections yet), or 53300 (no connection slot left); the connection
 *       pool's time-out ({@link SQLTransientConnectionException}) is one whatever its state;</li>
 *   <li>or the SQLException without a state that HikariCP throws for any use of a connection it
 *       has just found broken ("Connection is closed"): the commit, rollback or statement that
 *       follows the first failure on it, which Spring and Bucket4j report instead of that one;</li>
 *   <li>or, when no SQLException says, Spring's {@link DataAccessResourceFailureException}
 *       (which includes {@code CannotGetJdbcConnectionException}).</li>
 * </ul>
 * An SQLException of any other state (a constraint, a value PostgreSQL refuses) is not an outage:
 * "retry later" would make a sender repeat a request that can never succeed.
 */
public final class DatabaseUnavailable {

    public static final String MESSAGE =
            "The service is temporarily unavailable: its database cannot be reached. Retry later.";
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    private static final Set<String> OUTAGE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);
    private static final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - RETRY_AFTER.toNanos());

    private DatabaseUnavailable() {
    }

    public static boolean isCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean resourceFailure = false;
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return isOutage(sql.getSQLState());
            }
            if (cause instanceof SQLException sql && BrokenPooledConnection.is(sql)) {
                return true;
            }
            resourceFailure |= cause instanceof DataAccessResourceFailureException;
        }
        return resourceFailure;
    }

    /** The answer of a controller to {@code failure}. */
    public static ResponseEntity<ApiError> answer(Throwable failure) {
        report(failure);
        return ApiError.answer(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()))
                .body(ApiError.of(MESSAGE));
    }

    /** The answer of a servlet filter to {@code failure}. */
    public static void write(HttpServletResponse response, ApiErrorWriter errors, Throwable failure) throws IOException {
        report(failure);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
        errors.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, MESSAGE);
    }

    /** A warning at most every {@link #RETRY_AFTER}: at a hundred requests a second, a line each would drown the log. */
    private static void report(Throwable failure) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= RETRY_AFTER.toNanos() && lastWarning.compareAndSet(last, now)) {
            log.warn("Answering 503 to every request while the database cannot be reached: {}", failure.toString());
        } else {
            log.debug("Answering 503: the database cannot be reached", failure);
        }
    }

    private static boolean isOutage(String sqlState) {
        return sqlState.startsWith(CONNECTION_EXCEPTION_CLASS) || OUTAGE_STATES.contains(sqlState);
    }
}
