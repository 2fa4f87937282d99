package com.sizemotion.incidents.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged service ({@code target/incident-service.jar}) running as a real operating-system
 * process, the way operators run it: for restarts, {@code kill -9} and several nodes on one database.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "incident-service.jar");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the service with these environment variables, in {@code workingDirectory}, and waits until it is healthy. */
    public static ServiceProcess start(Map<String, String> environment, Path workingDirectory) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the integration tests with ./mvnw verify");
        }
        int port = freePort();
        try {
            Path log = Files.createTempFile("incident-service-" + port + "-", ".log");
            List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-jar",
                    JAR.toAbsolutePath().toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("INCIDENTS_"));
            builder.environment().putAll(environment);
            builder.environment().put("SERVER_PORT", Integer.toString(port));
            ServiceProcess service = new ServiceProcess(builder.start(), port, log);
            service.awaitHealthy();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment of a node on the given PostgreSQL database, with a small pool: several nodes share one server. */
    public static Map<String, String> postgres(TestDatabase database, String adminPassword) {
        return Map.of("SPRING_DATASOURCE_URL", database.url(),
                "SPRING_DATASOURCE_USERNAME", TestDatabase.USER,
                "SPRING_DATASOURCE_PASSWORD", TestDatabase.PASSWORD,
                "INCIDENTS_ADMIN_PASSWORD", adminPassword,
                "INCIDENTS_DB_POOL_SIZE", "10");
    }

    /** The operating-system process id; Axon names a node's token claims {@code <pid>@<host>}. */
    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kill -9}: no shutdown hook, no flush, nothing graceful. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            kill();
        }
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited during start-up:\n" + log());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep();
        }
        process.destroyForcibly();
        throw new IllegalStateException("The service did not become healthy within " + START_TIMEOUT + ":\n" + log());
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
