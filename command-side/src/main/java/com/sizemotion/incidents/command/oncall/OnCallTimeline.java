package com.sizemotion.incidents.command.oncall;

import com.sizemotion.incidents.api.oncall.OnCallLayer;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Everything {@link OnCallResolver} needs to know about one schedule, with its changes in time:
 * every set of layers it has had and every override, each counted only from the moment it was
 * made, so that a change never rewrites who was on call before it.
 *
 * @param layerSets in the order they were set; the first applies from the beginning, each later one
 *                  from its {@code from}
 * @param overrides in the order they were added; a later one wins where they overlap
 */
public record OnCallTimeline(ZoneId zone, List<LayerSet> layerSets, List<OverrideWindow> overrides) {

    public OnCallTimeline {
        if (layerSets.isEmpty()) {
            throw new IllegalArgumentException("a schedule has at least its first set of layers");
        }
        layerSets = List.copyOf(layerSets);
        overrides = List.copyOf(overrides);
    }

    /** Layers of a schedule from {@code from} on; later layers in the list take precedence. */
    public record LayerSet(Instant from, List<OnCallLayer> layers) {

        public LayerSet {
            layers = List.copyOf(layers);
        }
    }

    /**
     * An override as it counts: from {@code max(starts_at, created_at)} until {@code min(ends_at,
     * removed_at)}, so an empty window when it was removed before it began.
     */
    public record OverrideWindow(long id, long userId, Instant from, Instant until) {

        static OverrideWindow of(long id, long userId, Instant startsAt, Instant endsAt, Instant createdAt,
                                 Instant removedAt) {
            Instant from = startsAt.isAfter(createdAt) ? startsAt : createdAt;
            Instant until = removedAt != null && removedAt.isBefore(endsAt) ? removedAt : endsAt;
            return new OverrideWindow(id, userId, from, until);
        }

        boolean covers(Instant at) {
            return !at.isBefore(from) && at.isBefore(until);
        }

        boolean beginsAfter(Instant at) {
            return from.isAfter(at) && from.isBefore(until);
        }
    }
}
