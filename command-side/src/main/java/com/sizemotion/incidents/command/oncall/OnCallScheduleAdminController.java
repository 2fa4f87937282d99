package com.sizemotion.incidents.command.oncall;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.api.access.Caller;
import com.sizemotion.incidents.api.oncall.AddOnCallOverrideCommand;
import com.sizemotion.incidents.api.oncall.CreateOnCallScheduleCommand;
import com.sizemotion.incidents.api.oncall.OnCallLayer;
import com.sizemotion.incidents.api.oncall.RemoveOnCallOverrideCommand;
import com.sizemotion.incidents.api.oncall.ReplaceOnCallLayersCommand;
import com.sizemotion.incidents.api.web.ApiResponse;
import com.sizemotion.incidents.command.oncall.OnCallScheduleView.OverrideView;
import com.sizemotion.incidents.api.web.FieldErrors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Admin API that changes on-call schedules: {@code /api/v1/admin/oncall-schedules}. Every change
 * is a command to the {@link OnCallSchedule} aggregate, recorded with the admin as its actor; the
 * answer reads the schedule back from the copy that the change updated in the same transaction.
 */
@RestController
class OnCallScheduleAdminController {

    private static final String PATH = "/api/v1/admin/oncall-schedules";

    private final OnCallScheduleRequestParser parser;
    private final OnCallScheduleRepository schedules;
    private final CommandGateway commands;
    private final Clock clock;

    OnCallScheduleAdminController(OnCallScheduleRequestParser parser, OnCallScheduleRepository schedules,
                                  CommandGateway commands, Clock clock) {
        this.parser = parser;
        this.schedules = schedules;
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<OnCallScheduleView> create(@RequestBody(required = false) JsonNode body, Caller caller) {
        OnCallScheduleRequestParser.NewSchedule schedule = parser.schedule(body);
        long id = schedules.nextScheduleId();
        Instant now = now();
        send(new CreateOnCallScheduleCommand(id, schedule.teamId(), schedule.name(), schedule.timeZone(),
                schedule.layers(), now, caller.actor()));
        return ApiResponse.of(schedules.find(id, now).orElseThrow());
    }

    /** Replaces the layers from now on; who was on call until now stays as it was. */
    @PutMapping(path = PATH + "/{scheduleId}/layers", consumes = MediaType.APPLICATION_JSON_VALUE)
    ApiResponse<OnCallScheduleView> replaceLayers(@PathVariable String scheduleId,
                                                  @RequestBody(required = false) JsonNode body, Caller caller) {
        long id = OnCallScheduleController.parseId(scheduleId, OnCallScheduleController::scheduleNotFound);
        long teamId = schedules.teamOf(id).orElseThrow(OnCallScheduleController::scheduleNotFound);
        List<OnCallLayer> layers = parser.layers(body, teamId);
        Instant now = now();
        send(new ReplaceOnCallLayersCommand(id, layers, now, caller.actor()));
        return ApiResponse.of(schedules.find(id, now).orElseThrow());
    }

    @PostMapping(path = PATH + "/{scheduleId}/overrides", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<OverrideView> addOverride(@PathVariable String scheduleId,
                                          @RequestBody(required = false) JsonNode body, Caller caller) {
        long id = OnCallScheduleController.parseId(scheduleId, OnCallScheduleController::scheduleNotFound);
        long teamId = schedules.teamOf(id).orElseThrow(OnCallScheduleController::scheduleNotFound);
        OnCallScheduleRequestParser.NewOverride override = parser.override(body, teamId);
        long overrideId = schedules.nextOverrideId();
        send(new AddOnCallOverrideCommand(id, overrideId, override.userId(), override.startsAt(), override.endsAt(),
                now(), caller.actor()));
        return ApiResponse.of(schedules.findOverride(id, overrideId).orElseThrow());
    }

    /** Ends an override now; the part of it that has passed stays in force for the past. */
    @DeleteMapping(PATH + "/{scheduleId}/overrides/{overrideId}")
    ApiResponse<OverrideView> removeOverride(@PathVariable String scheduleId, @PathVariable String overrideId,
                                             Caller caller) {
        long id = OnCallScheduleController.parseId(scheduleId, OnCallScheduleController::scheduleNotFound);
        long override = schedules.findOverride(id, OnCallScheduleController.parseId(overrideId, OnCallScheduleController::overrideNotFound))
                .orElseThrow(OnCallScheduleController::overrideNotFound).id();
        send(new RemoveOnCallOverrideCommand(id, override, now(), caller.actor()));
        return ApiResponse.of(schedules.findOverride(id, override).orElseThrow());
    }

    private void send(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (ScheduleChangeRejectedException e) {
            throw FieldErrors.single(e.field(), e.getMessage());
        } catch (ConcurrencyException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "The schedule was changed by another request at the same moment; send the change again.");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
