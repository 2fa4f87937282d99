package com.sizemotion.incidents.query.support;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionFailureTest {

    private static final String STATEMENT = "INSERT INTO incident_view (id, title) VALUES (?, ?)";

    @Test
    void constraintViolationIsTheEventsOwnAndShownWithoutSqlOrRowContents() {
        SQLException postgres = new SQLException("""
                ERROR: new row for relation "incident_view" violates check constraint "refuses_poison"
                  Detail: Failing row contains (42, secret title).""", "23514");

        ProjectionFailure failure = ProjectionFailure.of(new DataIntegrityViolationException(
                "PreparedStatementCallback; SQL [" + STATEMENT + "]; " + postgres.getMessage(), postgres));

        assertThat(failure.isTransient()).isFalse();
        assertThat(failure.type()).isEqualTo("SQLState 23514");
        assertThat(failure.message()).isEqualTo("new row for relation \"incident_view\" violates check constraint \"refuses_poison\"");
    }

    @Test
    void h2sAppendedStatementIsCutOff() {
        SQLException h2 = new SQLException("Check constraint violation: \"REFUSES_POISON\"; SQL statement:\n" + STATEMENT, "23513");

        assertThat(ProjectionFailure.of(new UncategorizedSQLException("update", STATEMENT, h2)).summary())
                .isEqualTo("SQLState 23513: Check constraint violation: \"REFUSES_POISON\"");
    }

    @Test
    void databaseThatCannotWorkRightNowIsTransient() {
        assertThat(ProjectionFailure.of(new CannotGetJdbcConnectionException("pool exhausted",
                new SQLTransientConnectionException("Connection is not available, request timed out after 10000ms."))).isTransient()).isTrue();
        assertThat(ProjectionFailure.of(new UncategorizedSQLException("update", STATEMENT,
                new SQLException("An I/O error occurred while sending to the backend.", "08006"))).isTransient()).isTrue();
        assertThat(ProjectionFailure.of(new SQLException("terminating connection due to administrator command", "57P01")).isTransient()).isTrue();
        assertThat(ProjectionFailure.of(new SQLException("deadlock detected", "40P01")).isTransient()).isTrue();
        assertThat(ProjectionFailure.of(new SQLException("current transaction is aborted", "25P02")).isTransient()).isTrue();
    }

    @Test
    void connectionThePoolFoundBrokenIsTransient() {
        SQLException closedByThePool = new SQLException("Connection is closed");
        closedByThePool.setStackTrace(new StackTraceElement[]{new StackTraceElement(
                "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection", "lambda$getClosedConnection$0", "ProxyConnection.java", 562)});

        assertThat(ProjectionFailure.of(new TransactionSystemException("JDBC rollback failed", closedByThePool)).isTransient()).isTrue();
        assertThat(ProjectionFailure.of(new TransactionSystemException("JDBC rollback failed",
                new SQLException("closed by something else"))).isTransient()).isFalse();
    }

    @Test
    void bugIsTheEventsOwnAndNamedByItsClass() {
        ProjectionFailure failure = ProjectionFailure.of(new IllegalStateException("no severity " + 9 + "\n\tat somewhere"));

        assertThat(failure.isTransient()).isFalse();
        assertThat(failure.summary()).isEqualTo("java.lang.IllegalStateException: no severity 9");
    }
}
