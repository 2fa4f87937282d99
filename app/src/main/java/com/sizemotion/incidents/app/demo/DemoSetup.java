package com.sizemotion.incidents.app.demo;

import com.sizemotion.incidents.app.token.ApiTokens;
import com.sizemotion.incidents.command.team.TeamRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * On the first start of the embedded (H2) mode: a demo team (id 1) and one API token for it,
 * logged once, so that the API document's cURL example works straight away.
 */
@Component
class DemoSetup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoSetup.class);

    private final DataSource dataSource;
    private final TeamRepository teams;
    private final ApiTokens tokens;

    DemoSetup(DataSource dataSource, TeamRepository teams, ApiTokens tokens) {
        this.dataSource = dataSource;
        this.teams = teams;
        this.tokens = tokens;
    }

    @Override
    public void run(ApplicationArguments args) throws SQLException {
        if (!isEmbedded() || !teams.findAll().isEmpty()) {
            return;
        }
        var team = teams.create("Demo team");
        var token = tokens.issue("Demo token", null, 60, null);
        log.warn("First start on the embedded database: created team {} (id {}) and the API token \"{}\". "
                        + "Copy it now, it is not shown again: {}",
                team.name(), team.id(), token.token().name(), token.plaintext());
    }

    private boolean isEmbedded() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("H2");
        }
    }
}
