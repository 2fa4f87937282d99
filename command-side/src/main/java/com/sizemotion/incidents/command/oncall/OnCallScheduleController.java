package com.sizemotion.incidents.command.oncall;

import com.sizemotion.incidents.api.access.Caller;
import com.sizemotion.incidents.api.web.ApiResponse;
import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.api.web.InstantRange;
import com.sizemotion.incidents.command.web.JsonFields;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reading on-call schedules with an API token or as the admin: {@code /api/v1/oncall-schedules}.
 * A token sees the schedules of its teams only; others are 404, as if they did not exist.
 */
@RestController
class OnCallScheduleController {

    private static final String PATH = "/api/v1/oncall-schedules";

    private final OnCallScheduleRepository schedules;
    private final OnCallRoster roster;
    private final OnCallScheduleHistory history;
    private final Clock clock;

    OnCallScheduleController(OnCallScheduleRepository schedules, OnCallRoster roster, OnCallScheduleHistory history,
                             Clock clock) {
        this.schedules = schedules;
        this.roster = roster;
        this.history = history;
        this.clock = clock;
    }

    @GetMapping(PATH)
    ApiResponse<List<OnCallScheduleView>> list(Caller caller) {
        return ApiResponse.of(schedules.findAll(caller.teamIds(), clock.instant()));
    }

    @GetMapping(PATH + "/{scheduleId}")
    ApiResponse<OnCallScheduleView> get(@PathVariable String scheduleId, Caller caller) {
        return ApiResponse.of(schedules.find(visible(scheduleId, caller), clock.instant()).orElseThrow());
    }

    /** Who is (or was, or will be) on call at {@code at}, default now, and why. */
    @GetMapping(PATH + "/{scheduleId}/oncall")
    ApiResponse<OnCallResolution> onCall(@PathVariable String scheduleId, @RequestParam(required = false) String at,
                                         Caller caller) {
        long id = visible(scheduleId, caller);
        return ApiResponse.of(roster.whoIsOnCall(id, instant(at)).orElseThrow());
    }

    /** Every change of the schedule, oldest first, with who made it and when. */
    @GetMapping(PATH + "/{scheduleId}/history")
    ApiResponse<List<OnCallScheduleHistory.Change>> history(@PathVariable String scheduleId, Caller caller) {
        return ApiResponse.of(history.of(visible(scheduleId, caller)));
    }

    private long visible(String scheduleId, Caller caller) {
        long id = parseId(scheduleId, OnCallScheduleController::scheduleNotFound);
        schedules.teamOf(id).filter(caller::mayAccessTeam).orElseThrow(OnCallScheduleController::scheduleNotFound);
        return id;
    }

    private Instant instant(String at) {
        if (at == null || at.isBlank()) {
            return clock.instant().truncatedTo(ChronoUnit.MICROS);
        }
        Instant instant;
        try {
            // an unencoded "+01:00" arrives as " 01:00" in a query string
            instant = OffsetDateTime.parse(at.trim().replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            throw FieldErrors.single("at", JsonFields.instantMessage("at"));
        }
        if (!InstantRange.contains(instant)) {
            throw FieldErrors.single("at", InstantRange.message("at"));
        }
        return instant;
    }

    /** A numeric id from the path; anything else is answered like an unknown id. */
    static long parseId(String id, Supplier<ResponseStatusException> notFound) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw notFound.get();
        }
    }

    static ResponseStatusException scheduleNotFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "On-call schedule not found.");
    }

    static ResponseStatusException overrideNotFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "Override not found.");
    }
}
