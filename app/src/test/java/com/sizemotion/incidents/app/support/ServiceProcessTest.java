package com.sizemotion.incidents.app.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A test that starts the packaged service as processes ({@link ServiceProcess}) on a database of its own per test. */
public abstract class ServiceProcessTest {

    @TempDir
    protected Path workingDirectory;

    protected TestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.drop();
    }
}
