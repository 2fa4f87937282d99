package com.sizemotion.incidents.app.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;

import java.util.concurrent.ConcurrentHashMap;

/** The buckets of the single-node embedded mode, in memory, with the same configuration replacement as in PostgreSQL. */
class InMemoryBuckets implements RateLimiter.Buckets {

    private record VersionedBucket(long version, Bucket bucket) {
    }

    private final TimeMeter time;
    private final ConcurrentHashMap<Long, VersionedBucket> buckets = new ConcurrentHashMap<>();

    InMemoryBuckets(TimeMeter time) {
        this.time = time;
    }

    @Override
    public Bucket bucket(long tokenId, long configurationVersion, BucketConfiguration configuration) {
        return buckets.compute(tokenId, (id, existing) -> {
            if (existing == null) {
                return new VersionedBucket(configurationVersion, Bucket.builder().withCustomTimePrecision(time)
                        .addLimit(configuration.getBandwidths()[0]).build());
            }
            if (existing.version() < configurationVersion) {
                existing.bucket().replaceConfiguration(configuration, RateLimiter.ON_LIMIT_CHANGE);
                return new VersionedBucket(configurationVersion, existing.bucket());
            }
            return existing;
        }).bucket();
    }
}
