package com.sizemotion.incidents.app.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, empty PostgreSQL database for one test class, on the server named by
 * {@code INCIDENTS_TEST_PG_HOST}/{@code _PORT}/{@code _USER}/{@code _PASSWORD} (default:
 * 127.0.0.1:5432, user postgres). There is no fallback: without PostgreSQL these tests fail.
 */
public final class TestDatabase {

    private static final String HOST = env("INCIDENTS_TEST_PG_HOST", "127.0.0.1");
    private static final String PORT = env("INCIDENTS_TEST_PG_PORT", "5432");
    public static final String USER = env("INCIDENTS_TEST_PG_USER", "postgres");
    public static final String PASSWORD = env("INCIDENTS_TEST_PG_PASSWORD", "");

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    public static TestDatabase create() {
        String name = "incidents_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name);
        return new TestDatabase(name);
    }

    public String url() {
        return jdbcUrl(name);
    }

    /** A proxy in front of this database's server that a test can cut and restore ({@link #url(DatabaseProxy)}). */
    public static DatabaseProxy proxy() {
        return DatabaseProxy.to(HOST, Integer.parseInt(PORT));
    }

    /** The JDBC URL of this database through the proxy. */
    public String url(DatabaseProxy proxy) {
        return "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    public long count(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Runs a statement in this database, as an operator with psql would. */
    public void update(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public void drop() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + HOST + ":" + PORT + " is needed for the integration tests: "
                    + e.getMessage(), e);
        }
    }

    private static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
