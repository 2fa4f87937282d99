package com.sizemotion.incidents.command.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.api.web.ApiResponse;
import com.sizemotion.incidents.command.team.TeamRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.util.List;

/** Admin API for team membership: {@code /api/v1/admin/teams/{team_id}/members}. Only members can be on call for a team. */
@RestController
class TeamMemberController {

    /** A user's membership of a team. */
    record Membership(long teamId, UserAccount user) {
    }

    private final TeamRepository teams;
    private final UserAccountRepository users;
    private final TeamMembershipRepository memberships;
    private final Clock clock;

    TeamMemberController(TeamRepository teams, UserAccountRepository users, TeamMembershipRepository memberships,
                         Clock clock) {
        this.teams = teams;
        this.users = users;
        this.memberships = memberships;
        this.clock = clock;
    }

    /** 201 when the user joins the team, 200 when it was a member already. */
    @PostMapping(path = "/api/v1/admin/teams/{teamId}/members", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiResponse<Membership>> add(@PathVariable String teamId, @RequestBody(required = false) JsonNode body) {
        long team = existingTeam(teamId);
        UserAccount user = UserIdRequest.user(body, users);
        boolean joined = memberships.add(team, user.id(), clock.instant());
        return ResponseEntity.status(joined ? HttpStatus.CREATED : HttpStatus.OK)
                .body(ApiResponse.of(new Membership(team, user)));
    }

    @GetMapping("/api/v1/admin/teams/{teamId}/members")
    ApiResponse<List<UserAccount>> list(@PathVariable String teamId) {
        return ApiResponse.of(memberships.members(existingTeam(teamId)));
    }

    private long existingTeam(String teamId) {
        try {
            long id = Long.parseLong(teamId);
            if (teams.exists(id)) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered like an unknown team
        }
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Team not found.");
    }
}
