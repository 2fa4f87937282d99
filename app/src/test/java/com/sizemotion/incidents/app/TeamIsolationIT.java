package com.sizemotion.incidents.app;

import com.sizemotion.incidents.api.access.Caller;
import com.sizemotion.incidents.app.support.ApiClient.Response;
import com.sizemotion.incidents.app.support.PostgresServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token scoped to some teams can neither write for nor read from other teams, on every API
 * endpoint: each endpoint of the service must take the {@link Caller} (the one place where
 * isolation is decided) and must be listed in {@link #ISOLATION_TESTED} with a test below.
 * A new endpoint fails this class until it has both.
 */
class TeamIsolationIT extends PostgresServiceTest {

    private static final Set<String> ISOLATION_TESTED = Set.of(
            "POST /api/v1/incidents",
            "GET /api/v1/incidents/{id}");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlerMappings;

    private long ownTeam;
    private long otherTeam;
    private String scoped;
    private String unscoped;

    @BeforeEach
    void teamsAndTokens() {
        ownTeam = api.createTeam("own-" + UUID.randomUUID());
        otherTeam = api.createTeam("other-" + UUID.randomUUID());
        scoped = api.createToken("{\"name\":\"scoped\",\"team_ids\":[%d],\"rate_limit_per_minute\":1000}".formatted(ownTeam));
        unscoped = api.createToken("{\"name\":\"unscoped\",\"rate_limit_per_minute\":1000}");
    }

    @Test
    void everyTeamScopedEndpointTakesTheCaller() {
        assertThat(teamScopedEndpoints()).allSatisfy((endpoint, handler) ->
                assertThat(Arrays.stream(handler.getMethodParameters()).<Class<?>>map(MethodParameter::getParameterType))
                        .as("%s must take a Caller", endpoint).contains(Caller.class));
    }

    @Test
    void everyTeamScopedEndpointHasAnIsolationTest() {
        assertThat(teamScopedEndpoints().keySet()).containsExactlyInAnyOrderElementsOf(ISOLATION_TESTED);
    }

    @Test
    void aScopedTokenCannotCreateIncidentsForOtherTeams() {
        Response refused = createIncident(scoped, otherTeam);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.raw().body())
                .isEqualTo("{\"success\":false,\"message\":\"This API token may not access team " + otherTeam + ".\"}");
        assertThat(DATABASE.count("SELECT count(*) FROM incident_lookup WHERE team_id = " + otherTeam)).isZero();
        assertThat(createIncident(scoped, ownTeam).status()).isEqualTo(201);
    }

    @Test
    void aScopedTokenCannotLearnWhichTeamsExist() {
        Response existing = createIncident(scoped, otherTeam);
        Response missing = createIncident(scoped, 999_999_999);

        assertThat(existing.status()).isEqualTo(403);
        assertThat(missing.status()).isEqualTo(403);
    }

    @Test
    void aScopedTokenCannotReadIncidentsOfOtherTeams() {
        long foreign = createIncident(unscoped, otherTeam).data().get("id").asLong();
        long own = createIncident(unscoped, ownTeam).data().get("id").asLong();

        Response hidden = api.getAsToken("/api/v1/incidents/" + foreign, scoped);
        Response missing = api.getAsToken("/api/v1/incidents/999999999", scoped);

        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.raw().body()).isEqualTo(missing.raw().body());
        assertThat(api.getAsToken("/api/v1/incidents/" + own, scoped).status()).isEqualTo(200);
        assertThat(api.getAsToken("/api/v1/incidents/" + foreign, unscoped).status()).isEqualTo(200);
    }

    /** Every handler of {@code /api/**} except the admin API, as "METHOD /pattern" ("ANY" for every method). */
    private Map<String, HandlerMethod> teamScopedEndpoints() {
        Map<String, HandlerMethod> endpoints = new TreeMap<>();
        handlerMappings.getHandlerMethods().forEach((info, handler) -> {
            Set<String> methods = info.getMethodsCondition().getMethods().stream().map(Enum::name).collect(Collectors.toSet());
            info.getPatternValues().stream()
                    .filter(pattern -> pattern.startsWith("/api/") && !pattern.startsWith("/api/v1/admin/"))
                    .forEach(pattern -> (methods.isEmpty() ? Set.of("ANY") : methods)
                            .forEach(method -> endpoints.put(method + " " + pattern, handler)));
        });
        return endpoints;
    }

    private Response createIncident(String token, long teamId) {
        return api.postAsToken("/api/v1/incidents", token,
                "{\"team_id\":%d,\"title\":\"t\",\"severity\":2}".formatted(teamId));
    }
}
