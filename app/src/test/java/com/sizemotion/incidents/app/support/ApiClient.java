package com.sizemotion.incidents.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A plain HTTP client for the service, as a monitoring tool or cURL would use it. */
public final class ApiClient {

    public record Response(int status, HttpResponse<String> raw, JsonNode json) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public JsonNode data() {
            return json.get("data");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String adminPassword;

    public ApiClient(String baseUrl, String adminPassword) {
        this.baseUrl = baseUrl;
        this.adminPassword = adminPassword;
    }

    public Response postAsToken(String path, String token, String json) {
        return send(request(path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response getAsToken(String path, String token) {
        return send(request(path).header("Authorization", "Bearer " + token).GET());
    }

    public Response postAsAdmin(String path, String json) {
        return send(request(path).header("Authorization", basicAdmin())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response patchAsAdmin(String path, String json) {
        return send(request(path).header("Authorization", basicAdmin())
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response getAsAdmin(String path) {
        return send(request(path).header("Authorization", basicAdmin()).GET());
    }

    public Response deleteAsAdmin(String path) {
        return send(request(path).header("Authorization", basicAdmin()).DELETE());
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            boolean isJson = response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode json = response.body().isEmpty() || !isJson ? null : JSON.readTree(response.body());
            return new Response(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    }

    /** Creates a team and returns its id. */
    public long createTeam(String name) {
        Response response = postAsAdmin("/api/v1/admin/teams", "{\"name\":\"" + name + "\"}");
        if (response.status() != 201) {
            throw new IllegalStateException("team not created: " + response.raw().body());
        }
        return response.data().get("id").asLong();
    }

    /** Creates an API token and returns its plaintext. */
    public String createToken(String json) {
        return createdToken(json).get("token").asText();
    }

    /** Creates an API token and returns the answer's {@code data}: id, plaintext {@code token}, scope, limit. */
    public JsonNode createdToken(String json) {
        Response response = postAsAdmin("/api/v1/admin/api-tokens", json);
        if (response.status() != 201) {
            throw new IllegalStateException("token not created: " + response.raw().body());
        }
        return response.data();
    }

    /** Creates a user and returns its id. */
    public long createUser(String name, String email) {
        return createdId("/api/v1/admin/users", "{\"name\":\"%s\",\"email\":\"%s\"}".formatted(name, email));
    }

    public void addMember(long teamId, long userId) {
        Response response = postAsAdmin("/api/v1/admin/teams/" + teamId + "/members", "{\"user_id\":" + userId + "}");
        if (response.status() != 201 && response.status() != 200) {
            throw new IllegalStateException("member not added: " + response.raw().body());
        }
    }

    /** Creates an on-call schedule from its JSON and returns its id. */
    public long createSchedule(String json) {
        return createdId("/api/v1/admin/oncall-schedules", json);
    }

    private long createdId(String path, String json) {
        Response response = postAsAdmin(path, json);
        if (response.status() != 201) {
            throw new IllegalStateException(path + " did not create: " + response.raw().body());
        }
        return response.data().get("id").asLong();
    }

    private String basicAdmin() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
    }
}
