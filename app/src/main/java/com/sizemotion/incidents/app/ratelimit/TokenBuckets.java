package com.sizemotion.incidents.app.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps one {@link Bucket} per API token on this node and renews it when the token's limit
 * changes (a higher configuration version). Reusing the bucket matters for PostgreSQL: its
 * batching merges the requests that wait for the same bucket into one transaction.
 */
class TokenBuckets implements RateLimiter.Buckets {

    /** Makes the bucket for a token's configuration; {@code previous} is the bucket of an older configuration, or null. */
    @FunctionalInterface
    interface Factory {
        Bucket create(long tokenId, long configurationVersion, BucketConfiguration configuration, Bucket previous);
    }

    private record VersionedBucket(long version, Bucket bucket) {
    }

    private final Factory factory;
    private final ConcurrentHashMap<Long, VersionedBucket> buckets = new ConcurrentHashMap<>();

    TokenBuckets(Factory factory) {
        this.factory = factory;
    }

    @Override
    public Bucket bucket(long tokenId, long configurationVersion, BucketConfiguration configuration) {
        VersionedBucket current = buckets.get(tokenId);
        if (current != null && current.version() >= configurationVersion) {
            return current.bucket();
        }
        return buckets.compute(tokenId, (id, existing) -> existing != null && existing.version() >= configurationVersion
                ? existing
                : new VersionedBucket(configurationVersion, factory.create(id, configurationVersion, configuration,
                        existing == null ? null : existing.bucket()))).bucket();
    }

    @Override
    public void forget(long tokenId, Bucket failed) {
        buckets.computeIfPresent(tokenId, (id, kept) -> kept.bucket() == failed ? null : kept);
    }
}
