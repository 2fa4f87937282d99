package com.sizemotion.incidents.api.web;

import java.sql.SQLException;

/**
 * The SQLException without an SQLState that HikariCP throws for any use of a connection it has
 * just found broken ("Connection is closed"): the commit, rollback or statement that follows the
 * first failure on a connection the database dropped. Callers see it instead of that failure, so
 * it means the database went away, like SQLState class 08.
 */
public final class BrokenPooledConnection {

    private static final String THROWN_BY = "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection";

    private BrokenPooledConnection() {
    }

    public static boolean is(SQLException failure) {
        StackTraceElement[] thrownAt = failure.getStackTrace();
        return failure.getSQLState() == null && thrownAt.length > 0 && thrownAt[0].getClassName().equals(THROWN_BY);
    }
}
