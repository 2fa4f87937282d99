package com.sizemotion.incidents.command.oncall;

import java.time.Instant;
import java.util.Optional;

/** Answers who was on call on a schedule at an instant. */
@FunctionalInterface
public interface OnCallRoster {

    /** Empty when there is no such schedule. */
    Optional<OnCallResolution> whoIsOnCall(long scheduleId, Instant at);
}
