package com.sizemotion.incidents.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.app.support.ApiClient.Response;
import com.sizemotion.incidents.app.support.MutableClock;
import com.sizemotion.incidents.app.support.PostgresServiceTest;
import com.sizemotion.incidents.app.token.ApiTokenFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.context.annotation.Primary;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-token rate limits and the brute-force limit over real HTTP and PostgreSQL buckets. The
 * service's clock stands still unless a test moves it, so no result depends on the machine's speed.
 */
@Import(RateLimitIT.StoppedClock.class)
@TestPropertySource(properties = "incidents.security.failed-authentications-per-minute=20")
class RateLimitIT extends PostgresServiceTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class StoppedClock {

        @Bean
        @Primary
        MutableClock stoppedClock() {
            return new MutableClock(Instant.now());
        }
    }

    private static final String TOO_MANY_REQUESTS = "{\"success\":false,\"message\":\"Too many requests. Rate limit exceeded.\"}";
    private static final String ANY_INCIDENT = "/api/v1/incidents/999999999";

    @Autowired
    private MutableClock clock;

    @BeforeEach
    void aMinuteLater() {
        clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void refusesTheSixtyFirstRequestWithinAMinute() {
        String token = api.createToken("{\"name\":\"default limit\"}");
        for (int i = 1; i <= 60; i++) {
            Response allowed = api.getAsToken(ANY_INCIDENT, token);
            assertThat(allowed.status()).as("request %d", i).isEqualTo(404);
            assertThat(allowed.header("X-RateLimit-Limit")).isEqualTo("60");
            assertThat(allowed.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(60 - i));
        }

        Response refused = api.getAsToken(ANY_INCIDENT, token);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.raw().body()).isEqualTo(TOO_MANY_REQUESTS);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("60");
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.header("X-RateLimit-Reset")).isEqualTo(Long.toString(clock.instant().getEpochSecond() + 60));
    }

    @Test
    void refusesTheSixthRequestOfATokenLimitedToFive() {
        String token = api.createToken("{\"name\":\"limited\",\"rate_limit_per_minute\":5}");
        for (int i = 1; i <= 5; i++) {
            Response allowed = api.getAsToken(ANY_INCIDENT, token);
            assertThat(allowed.status()).isEqualTo(404);
            assertThat(allowed.header("X-RateLimit-Limit")).isEqualTo("5");
            assertThat(allowed.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(5 - i));
            assertThat(allowed.header("X-RateLimit-Reset")).isNotNull();
        }

        Response refused = api.getAsToken(ANY_INCIDENT, token);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.raw().body()).isEqualTo(TOO_MANY_REQUESTS);
        assertThat(refused.header("Retry-After")).isEqualTo("12");
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
    }

    /** The requests that arrive together are charged together (one transaction per batch): none twice, none lost. */
    @Test
    void chargesEachOfManySimultaneousRequestsOfANewTokenOnce() throws Exception {
        String token = api.createToken("{\"name\":\"burst\",\"rate_limit_per_minute\":40}");

        List<Response> responses = ConcurrentCreateIT.all(60, () -> api.getAsToken(ANY_INCIDENT, token));

        assertThat(responses).extracting(Response::status).containsOnly(404, 429);
        assertThat(responses).filteredOn(r -> r.status() == 404).hasSize(40)
                .extracting(r -> r.header("X-RateLimit-Remaining")).doesNotHaveDuplicates();
    }

    /** Requests batched behind one another cannot create a missing bucket themselves; the service must start it afresh. */
    @Test
    void startsAFreshBucketWhenSomeoneDeletesItsRowUnderLoad() throws Exception {
        String token = api.createToken("{\"name\":\"vanishing\",\"rate_limit_per_minute\":100000}");
        assertThat(api.getAsToken(ANY_INCIDENT, token).status()).isEqualTo(404);
        AtomicBoolean loading = new AtomicBoolean(true);
        Thread operator = new Thread(() -> {
            while (loading.get()) {
                DATABASE.update("DELETE FROM rate_limit_bucket");
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        });
        operator.start();
        try {
            List<List<Integer>> statuses = ConcurrentCreateIT.all(16, () -> {
                List<Integer> mine = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    mine.add(api.getAsToken(ANY_INCIDENT, token).status());
                }
                return mine;
            });
            assertThat(statuses).flatExtracting(list -> list).containsOnly(404);
        } finally {
            loading.set(false);
            operator.join();
        }
    }

    @Test
    void refillsTheBucketEvenlyOverTheMinute() {
        String token = api.createToken("{\"name\":\"refill\",\"rate_limit_per_minute\":5}");
        exhaust(token);

        clock.advance(Duration.ofSeconds(12));

        assertThat(api.getAsToken(ANY_INCIDENT, token).status()).isEqualTo(404);
        assertThat(api.getAsToken(ANY_INCIDENT, token).status()).isEqualTo(429);
    }

    @Test
    void appliesAChangedLimitAtOnceEvenWhenItReturnsToAnEarlierValue() {
        JsonNode created = api.createdToken("{\"name\":\"changing\",\"rate_limit_per_minute\":5}");
        String token = created.get("token").asText();
        String path = "/api/v1/admin/api-tokens/" + created.get("id").asLong();
        exhaust(token);

        api.patchAsAdmin(path, "{\"rate_limit_per_minute\":10}");
        Response raised = api.getAsToken(ANY_INCIDENT, token);
        api.patchAsAdmin(path, "{\"rate_limit_per_minute\":5}");
        Response loweredAgain = api.getAsToken(ANY_INCIDENT, token);

        assertThat(raised.status()).isEqualTo(404);
        assertThat(raised.header("X-RateLimit-Limit")).isEqualTo("10");
        assertThat(raised.header("X-RateLimit-Remaining")).isEqualTo("4");
        assertThat(loweredAgain.header("X-RateLimit-Limit")).isEqualTo("5");
        assertThat(loweredAgain.header("X-RateLimit-Remaining")).isEqualTo("3");
    }

    @Test
    void neverChargesAFailedAuthenticationToAnyQuota() {
        String token = api.createToken("{\"name\":\"quota\",\"rate_limit_per_minute\":5}");
        assertThat(api.getAsToken(ANY_INCIDENT, token).header("X-RateLimit-Remaining")).isEqualTo("4");

        for (int i = 0; i < 3; i++) {
            Response failed = api.getAsToken(ANY_INCIDENT, ApiTokenFormat.generate());
            assertThat(failed.status()).isEqualTo(401);
            assertThat(failed.header("X-RateLimit-Remaining")).isNull();
        }

        assertThat(api.getAsToken(ANY_INCIDENT, token).header("X-RateLimit-Remaining")).isEqualTo("3");
    }

    @Test
    void refusesAnAddressThatKeepsFailingToAuthenticateBeforeLookingAtItsCredentials() {
        String token = api.createToken("{\"name\":\"innocent\",\"rate_limit_per_minute\":1000}");
        String neighbour = api.createToken("{\"name\":\"neighbour\",\"rate_limit_per_minute\":1000}");
        for (int i = 0; i < 30; i++) {
            assertThat(api.getAsToken(ANY_INCIDENT, neighbour).status()).as("successes are not counted").isEqualTo(404);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(failedAttempt(i).status()).as("failure %d", i + 1).isEqualTo(401);
        }

        assertThat(api.getAsToken(ANY_INCIDENT, neighbour).status())
                .as("a token this node knows to be valid passes the address's lock-out").isEqualTo(404);
        Response refused = api.getAsToken(ANY_INCIDENT, token);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.raw().body()).isEqualTo(TOO_MANY_REQUESTS);
        assertThat(refused.header("Retry-After")).isEqualTo("3");
        assertThat(refused.header("X-RateLimit-Remaining")).as("the token's own quota is untouched").isNull();
        assertThat(api.send(api.request(ANY_INCIDENT).GET()).status()).as("no credentials, nothing to refuse").isEqualTo(401);
        clock.advance(Duration.ofSeconds(3));
        assertThat(api.getAsToken(ANY_INCIDENT, token).status()).isEqualTo(404);
    }

    /**
     * Wrong Bearer tokens (malformed and well-formed) and wrong admin passwords, each claiming
     * another address in X-Forwarded-For, which counts for nothing without a trusted proxy.
     */
    private Response failedAttempt(int i) {
        HttpRequest.Builder request = api.request(i % 4 == 3 ? "/api/v1/admin/teams" : ANY_INCIDENT)
                .header("X-Forwarded-For", "198.51.100." + i);
        String authorization = switch (i % 4) {
            case 0 -> "Bearer inc_wrong";
            case 1, 2 -> "Bearer " + ApiTokenFormat.generate();
            default -> "Basic " + Base64.getEncoder().encodeToString("admin:guess".getBytes(StandardCharsets.UTF_8));
        };
        return api.send(request.header("Authorization", authorization).GET());
    }

    private void exhaust(String token) {
        Response response;
        do {
            response = api.getAsToken(ANY_INCIDENT, token);
        } while (response.status() != 429);
    }
}
