package com.sizemotion.incidents.command.oncall;

import com.sizemotion.incidents.command.directory.UserAccount;

import java.time.Instant;

/**
 * Who was on call on a schedule at an instant, and why; what {@code GET
 * /api/v1/oncall-schedules/{id}/oncall} answers.
 *
 * @param user        the user on call, or {@code null} for nobody
 * @param layer       the layer that put the user on call, when a layer did
 * @param overrideId  the override that put the user on call, when one did
 * @param shiftEndsAt see {@link OnCallAnswer#shiftEndsAt()}
 */
public record OnCallResolution(long scheduleId, Instant at, UserAccount user, String layer, Long overrideId,
                               Instant shiftEndsAt) {
}
