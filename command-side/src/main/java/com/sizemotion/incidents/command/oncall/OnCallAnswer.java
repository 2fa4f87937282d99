package com.sizemotion.incidents.command.oncall;

import java.time.Instant;

/**
 * Who is on call on a schedule at an instant, and why.
 *
 * @param userId      the user on call, or {@code null} for nobody
 * @param layer       the name of the layer that puts the user on call, when a layer does
 * @param overrideId  the override that puts the user on call, when one does
 * @param shiftEndsAt when this answer stops holding as the schedule stands: the end of the
 *                    deciding shift or override, or earlier when something of higher precedence
 *                    begins (an override, a later layer, a new set of layers); for nobody, when
 *                    somebody will be on call; {@code null} when nothing is scheduled to change
 */
public record OnCallAnswer(Long userId, String layer, Long overrideId, Instant shiftEndsAt) {

    static OnCallAnswer nobody(Instant until) {
        return new OnCallAnswer(null, null, null, until);
    }
}
