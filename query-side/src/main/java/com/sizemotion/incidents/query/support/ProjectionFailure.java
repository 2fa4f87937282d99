package com.sizemotion.incidents.query.support;

import com.sizemotion.incidents.api.web.BrokenPooledConnection;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Why a projection could not apply an event, judged and described for operators.
 * <p>
 * A failure is <em>transient</em> when the database could not do the work at that moment
 * (unreachable, restarting, out of connections or resources, a lock or serialization conflict):
 * the same event will apply once the database is back, so it is retried, never dead-lettered.
 * Anything else (a constraint, a value the database refuses, a bug) fails the same way every
 * time for this one event.
 * <p>
 * The description names the failure without SQL text, row contents or stack traces: the SQLState
 * and the first line of the database's message, or the first line of any other exception's.
 *
 * @param type    the exception's class, or for database errors {@code SQLState <code>}
 * @param message one line, at most {@value #MAX_MESSAGE} characters
 */
public record ProjectionFailure(String type, String message, boolean isTransient) {

    static final int MAX_MESSAGE = 300;

    /** SQLState classes of a database that cannot work right now: connection, resources, operator intervention, system error. */
    private static final Set<String> TRANSIENT_STATE_CLASSES = Set.of("08", "53", "57", "58");
    /** Serialization failure, deadlock, lock not available, statement completion unknown, and a transaction another error aborted. */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "40003", "55P03", "25P02");

    public static ProjectionFailure of(Throwable failure) {
        SQLException sql = sqlCause(failure);
        boolean isTransient = isTransient(failure, sql);
        if (sql != null) {
            return new ProjectionFailure("SQLState " + sql.getSQLState(), firstLine(sql.getMessage()), isTransient);
        }
        Throwable described = failure;
        while (described.getMessage() == null && described.getCause() != null) {
            described = described.getCause();
        }
        return new ProjectionFailure(described.getClass().getName(), firstLine(described.getMessage()), isTransient);
    }

    /** {@code type: message}, for a single line of status. */
    public String summary() {
        return message.isEmpty() ? type : type + ": " + message;
    }

    private static boolean isTransient(Throwable failure, SQLException sql) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof SQLException broken && BrokenPooledConnection.is(broken)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        String state = sql == null ? null : sql.getSQLState();
        return state != null && state.length() == 5
                && (TRANSIENT_STATES.contains(state) || TRANSIENT_STATE_CLASSES.contains(state.substring(0, 2)));
    }

    private static SQLException sqlCause(Throwable failure) {
        SQLException found = null;
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                found = sql;
            }
        }
        return found;
    }

    /** The first line, without H2's appended statement and PostgreSQL's {@code ERROR: } prefix. */
    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.lines().findFirst().orElse("").strip();
        int statement = line.indexOf("; SQL statement");
        if (statement >= 0) {
            line = line.substring(0, statement);
        }
        if (line.startsWith("ERROR: ")) {
            line = line.substring("ERROR: ".length());
        }
        return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "…" : line;
    }
}
