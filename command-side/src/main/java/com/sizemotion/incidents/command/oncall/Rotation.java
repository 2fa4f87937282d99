package com.sizemotion.incidents.command.oncall;

import com.sizemotion.incidents.api.oncall.OnCallLayer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The shifts of one layer. Handoff 0 is the layer's {@code startsAt}; handoff k is at the local
 * date-time of {@code startsAt} in the schedule's zone plus k shift lengths on the wall clock. A
 * handoff whose local time does not exist (clocks go forward) moves forward by the length of the
 * gap; one whose local time exists twice (clocks go back) takes the earlier of the two.
 */
final class Rotation {

    /** One user's turn: from {@code start} (inclusive) to {@code end} (exclusive). */
    record Shift(long userId, Instant start, Instant end) {
    }

    private final OnCallLayer layer;
    private final ZoneId zone;
    private final LocalDateTime firstHandoff;
    private final Duration length;

    Rotation(OnCallLayer layer, ZoneId zone) {
        this.layer = layer;
        this.zone = zone;
        this.firstHandoff = LocalDateTime.ofInstant(layer.startsAt(), zone);
        this.length = ShiftLength.of(layer.shiftLength()).wallClock();
    }

    /** Whether this layer can ever put somebody on call. */
    boolean hasUsers() {
        return !layer.userIds().isEmpty();
    }

    /**
     * The shift at {@code at}; empty before the layer starts and for a layer without users. Found
     * in constant time: the shift number is estimated on the wall clock and corrected by the few
     * steps that daylight-saving changes can put between the estimate and the truth.
     */
    Optional<Shift> shiftAt(Instant at) {
        if (!hasUsers() || at.isBefore(layer.startsAt())) {
            return Optional.empty();
        }
        long elapsed = Duration.between(firstHandoff, LocalDateTime.ofInstant(at, zone)).getSeconds();
        long k = Math.max(0, elapsed / length.getSeconds());
        while (!handoff(k + 1).isAfter(at)) {
            k++;
        }
        while (k > 0 && handoff(k).isAfter(at)) {
            k--;
        }
        long userId = layer.userIds().get((int) (k % layer.userIds().size()));
        return Optional.of(new Shift(userId, handoff(k), handoff(k + 1)));
    }

    private Instant handoff(long k) {
        if (k == 0) {
            return layer.startsAt();
        }
        return ZonedDateTime.ofLocal(firstHandoff.plus(length.multipliedBy(k)), zone, null).toInstant();
    }
}
