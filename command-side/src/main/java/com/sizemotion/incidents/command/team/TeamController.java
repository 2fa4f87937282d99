package com.sizemotion.incidents.command.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.api.web.ApiResponse;
import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.command.web.JsonFields;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Set;

/** Admin API for teams: {@code /api/v1/admin/teams}. */
@RestController
class TeamController {

    private static final int NAME_MAX = 100;

    private final TeamRepository teams;

    TeamController(TeamRepository teams) {
        this.teams = teams;
    }

    @PostMapping(path = "/api/v1/admin/teams", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<Team> create(@RequestBody(required = false) JsonNode body) {
        FieldErrors errors = new FieldErrors();
        if (body == null || !body.isObject()) {
            throw FieldErrors.single("body", "The request body must be a JSON object.");
        }
        JsonFields fields = new JsonFields(body, errors);
        fields.rejectUnknown(Set.of("name"));
        String name = fields.requiredString("name", NAME_MAX);
        if (name != null && teams.nameTaken(name)) {
            errors.add("name", "The name has already been taken.");
        }
        errors.throwIfAny();
        return ApiResponse.of(teams.create(name));
    }

    @GetMapping("/api/v1/admin/teams")
    ApiResponse<List<Team>> list() {
        return ApiResponse.of(teams.findAll());
    }
}
