package com.sizemotion.incidents.app.ratelimit;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate-limit buckets in PostgreSQL ({@code rate_limit_bucket}, row-locked per token) so that all
 * nodes on one database share each token's limit. The embedded H2 mode runs a single node and
 * keeps its buckets in memory.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    RateLimiter rateLimiter(DataSource dataSource, Clock clock) throws SQLException {
        TimeMeter time = new ClockTimeMeter(clock);
        return new RateLimiter(isPostgres(dataSource) ? postgresBuckets(dataSource, time) : new InMemoryBuckets(time), clock);
    }

    private static RateLimiter.Buckets postgresBuckets(DataSource dataSource, TimeMeter time) {
        ProxyManager<Long> proxyManager = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .table("rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .clientClock(time)
                .build();
        // One proxy per token and limit version, batching: simultaneous requests of a token on this
        // node share one round trip (one row lock) instead of queueing on the row one by one.
        record VersionedBucket(long version, Bucket bucket) {
        }
        ConcurrentHashMap<Long, VersionedBucket> buckets = new ConcurrentHashMap<>();
        return (tokenId, version, configuration) -> buckets.compute(tokenId, (id, known) ->
                known != null && known.version() == version ? known : new VersionedBucket(version, proxyManager.builder()
                        .withImplicitConfigurationReplacement(version, RateLimiter.ON_LIMIT_CHANGE)
                        .withOptimization(Optimizations.batching())
                        .build(tokenId, () -> configuration))).bucket();
    }

    private static boolean isPostgres(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL");
        }
    }
}
