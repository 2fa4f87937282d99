package com.sizemotion.incidents.command.oncall;

import com.sizemotion.incidents.command.directory.UserAccount;
import com.sizemotion.incidents.command.directory.UserAccountRepository;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/** {@link OnCallRoster} on the command side's copy of the schedules and the user directory. */
@Component
class DatabaseOnCallRoster implements OnCallRoster {

    private final OnCallScheduleRepository schedules;
    private final UserAccountRepository users;

    DatabaseOnCallRoster(OnCallScheduleRepository schedules, UserAccountRepository users) {
        this.schedules = schedules;
        this.users = users;
    }

    @Override
    public Optional<OnCallResolution> whoIsOnCall(long scheduleId, Instant at) {
        return schedules.timeline(scheduleId, at).map(timeline -> {
            OnCallAnswer answer = OnCallResolver.resolve(timeline, at);
            UserAccount user = answer.userId() == null ? null : users.find(answer.userId())
                    .orElseThrow(() -> new IllegalStateException("user " + answer.userId() + " of schedule "
                            + scheduleId + " is missing from the directory"));
            return new OnCallResolution(scheduleId, at, user, answer.layer(), answer.overrideId(), answer.shiftEndsAt());
        });
    }
}
