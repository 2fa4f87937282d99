package com.sizemotion.incidents.api.oncall;

import java.time.Instant;
import java.util.List;

/**
 * One rotation of a schedule: its users take turns, one shift each, in this order.
 *
 * @param userIds     the rotation's users in turn order; may be empty (the layer then covers nobody)
 * @param shiftLength ISO-8601 duration of one shift on the schedule zone's wall clock ({@code PT8H},
 *                    {@code P1D}, {@code P7D})
 * @param startsAt    the first handoff; before it the layer has nobody on call
 */
public record OnCallLayer(String name, List<Long> userIds, String shiftLength, Instant startsAt) {

    public OnCallLayer {
        userIds = List.copyOf(userIds);
    }
}
