package com.sizemotion.incidents.app.ratelimit;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ProxyManager;
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
        return (tokenId, version, configuration) -> proxyManager.builder()
                .withImplicitConfigurationReplacement(version, RateLimiter.ON_LIMIT_CHANGE)
                .build(tokenId, () -> configuration);
    }

    private static boolean isPostgres(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL");
        }
    }
}
