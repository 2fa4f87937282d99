package com.sizemotion.incidents.app.web;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUnavailableTest {

    @Test
    void recognisesAPoolThatCannotGetAConnection() {
        SQLTransientConnectionException timedOut = new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 3000ms", "08001",
                new SQLException("Connection to 127.0.0.1:5432 refused.", "08001", new ConnectException("Connection refused")));

        assertThat(DatabaseUnavailable.isCause(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", timedOut))).isTrue();
        assertThat(DatabaseUnavailable.isCause(timedOut)).isTrue();
    }

    @Test
    void recognisesAConnectionLostOrRefusedByAServerThatStops() {
        for (String state : new String[]{"08006", "08003", "57P01", "57P02", "57P03", "53300"}) {
            assertThat(DatabaseUnavailable.isCause(new DataAccessResourceFailureException("query failed",
                    new SQLException("I/O error", state)))).as(state).isTrue();
        }
    }

    @Test
    void findsTheOutageUnderAxonsAndFuturesWrappers() {
        SQLException broken = new SQLException("An I/O error occurred while sending to the backend.", "08006");

        assertThat(DatabaseUnavailable.isCause(new CommandExecutionException("command failed",
                new EventStoreException("append failed", broken)))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new CompletionException(new IllegalStateException(broken)))).isTrue();
    }

    @Test
    void recognisesAnyUseOfAConnectionThePoolFoundBroken() {
        SQLException closedByThePool = new SQLException("Connection is closed");
        closedByThePool.setStackTrace(new StackTraceElement[]{new StackTraceElement(
                "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection", "lambda$getClosedConnection$0", "ProxyConnection.java", 562)});

        assertThat(DatabaseUnavailable.isCause(new TransactionSystemException("JDBC rollback failed", closedByThePool))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException("bucket", closedByThePool))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new TransactionSystemException("JDBC rollback failed",
                new SQLException("closed by something else")))).isFalse();
    }

    @Test
    void leavesEveryOtherDatabaseErrorAlone() {
        assertThat(DatabaseUnavailable.isCause(new DataIntegrityViolationException("duplicate",
                new SQLException("duplicate key value", "23505")))).isFalse();
        assertThat(DatabaseUnavailable.isCause(new DataAccessResourceFailureException("too big",
                new SQLException("index row size exceeds maximum", "54000")))).isFalse();
        assertThat(DatabaseUnavailable.isCause(new EventStoreException("append failed",
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")))).isFalse();
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException("a bug"))).isFalse();
    }
}
