package com.sizemotion.incidents.app.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Rate-limit buckets in PostgreSQL ({@code rate_limit_bucket}, row-locked per token) so that all
 * nodes on one database share each token's limit. The embedded H2 mode runs a single node and
 * keeps its buckets in memory (a raised or lowered limit carries the bucket's state over).
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    RateLimiter rateLimiter(DataSource dataSource, Clock clock) throws SQLException {
        TimeMeter time = new ClockTimeMeter(clock);
        return new RateLimiter(new TokenBuckets(isPostgres(dataSource) ? postgresBuckets(dataSource, time) : inMemoryBuckets(time)), clock);
    }

    /**
     * Batching: the requests of one token that arrive while its row is locked are charged together
     * in the next transaction, instead of each waiting for the lock in a transaction of its own.
     * A batch cannot create a missing bucket (Bucket4j 8.18 fails the whole batch), so the row is
     * created, or moved to the new configuration, by one unbatched request first.
     */
    private static TokenBuckets.Factory postgresBuckets(DataSource dataSource, TimeMeter time) {
        ProxyManager<Long> proxyManager = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .table("rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .clientClock(time)
                .build();
        return (tokenId, version, configuration, previous) -> {
            proxyManager.builder()
                    .withImplicitConfigurationReplacement(version, RateLimiter.ON_LIMIT_CHANGE)
                    .build(tokenId, () -> configuration)
                    .getAvailableTokens();
            return proxyManager.builder()
                    .withOptimization(Optimizations.batching())
                    .withImplicitConfigurationReplacement(version, RateLimiter.ON_LIMIT_CHANGE)
                    .build(tokenId, () -> configuration);
        };
    }

    static TokenBuckets.Factory inMemoryBuckets(TimeMeter time) {
        return (tokenId, version, configuration, previous) -> {
            if (previous == null) {
                return Bucket.builder().withCustomTimePrecision(time).addLimit(configuration.getBandwidths()[0]).build();
            }
            previous.replaceConfiguration(configuration, RateLimiter.ON_LIMIT_CHANGE);
            return previous;
        };
    }

    private static boolean isPostgres(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL");
        }
    }
}
