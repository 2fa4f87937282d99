package com.sizemotion.incidents.app.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
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
        return new RateLimiter(isPostgres(dataSource) ? postgresBuckets(dataSource) : inMemoryBuckets(), clock);
    }

    private static RateLimiter.Buckets postgresBuckets(DataSource dataSource) {
        ProxyManager<Long> proxyManager = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .table("rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .build();
        return (tokenId, limit, configuration) -> proxyManager.builder()
                .withImplicitConfigurationReplacement(limit, TokensInheritanceStrategy.AS_IS)
                .build(tokenId, () -> configuration);
    }

    private static RateLimiter.Buckets inMemoryBuckets() {
        record LimitedBucket(int limit, Bucket bucket) {
        }
        ConcurrentHashMap<Long, LimitedBucket> buckets = new ConcurrentHashMap<>();
        return (tokenId, limit, configuration) -> buckets.compute(tokenId, (id, existing) ->
                existing != null && existing.limit() == limit ? existing
                        : new LimitedBucket(limit, Bucket.builder().addLimit(configuration.getBandwidths()[0]).build())
        ).bucket();
    }

    private static boolean isPostgres(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL");
        }
    }
}
