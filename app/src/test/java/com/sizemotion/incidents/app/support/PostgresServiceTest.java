package com.sizemotion.incidents.app.support;

import com.sizemotion.incidents.app.IncidentServiceApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the whole service in this JVM on a random port against a real
 * PostgreSQL database, and talk to it over HTTP. The database is one per test run (all these
 * classes share it, so tests never assume an empty table), created afresh for every run and
 * dropped by {@code .ci/run} before the next. Each class's service is shut down
 * after the class, so that the connection pools of finished classes do not pile up on the server.
 */
@SpringBootTest(classes = IncidentServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
public abstract class PostgresServiceTest {

    protected static final String ADMIN_PASSWORD = "it-admin-password";
    protected static final TestDatabase DATABASE = TestDatabase.create();

    @LocalServerPort
    private int port;

    protected ApiClient api;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::url);
        registry.add("spring.datasource.username", () -> TestDatabase.USER);
        registry.add("spring.datasource.password", () -> TestDatabase.PASSWORD);
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> 10);
        registry.add("incidents.admin.password", () -> ADMIN_PASSWORD);
        registry.add("incidents.public-url", () -> "https://incidents.example.com");
    }

    @BeforeEach
    void client() {
        api = new ApiClient(baseUrl(), ADMIN_PASSWORD);
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}
