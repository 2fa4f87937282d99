package com.sizemotion.incidents.query.support;

import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Whether the read models live in PostgreSQL (production) or the embedded H2 database. */
@Component
public class DatabaseKind {

    private final boolean postgres;

    DatabaseKind(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            postgres = connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL");
        }
    }

    public boolean isPostgres() {
        return postgres;
    }
}
