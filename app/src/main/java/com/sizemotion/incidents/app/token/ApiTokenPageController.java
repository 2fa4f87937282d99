package com.sizemotion.incidents.app.token;

import com.sizemotion.incidents.command.team.Team;
import com.sizemotion.incidents.command.team.TeamRepository;
import com.sizemotion.incidents.api.web.FieldErrors;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Admin Settings → API Tokens ({@code /admin/api-tokens}): the token list, "Create New Token"
 * (the new token is shown on the answer to the POST itself, never after a redirect, so a reload
 * cannot show it again) and revocation after a confirmation page.
 */
@Controller
@RequestMapping("/admin/api-tokens")
class ApiTokenPageController {

    private final ApiTokens tokens;
    private final ApiTokenRequests requests;
    private final TeamRepository teams;
    private final Clock clock;
    private final int defaultRateLimit;

    ApiTokenPageController(ApiTokens tokens, ApiTokenRequests requests, TeamRepository teams, Clock clock,
                           @Value("${incidents.rate-limit.default-per-minute}") int defaultRateLimit) {
        this.tokens = tokens;
        this.requests = requests;
        this.teams = teams;
        this.clock = clock;
        this.defaultRateLimit = defaultRateLimit;
    }

    @GetMapping
    String list(Model model) {
        return listPage(model, ApiTokenForm.empty(defaultRateLimit), Map.of());
    }

    @PostMapping
    String create(@ModelAttribute ApiTokenForm form, Model model, HttpServletResponse response) {
        FieldErrors errors = new FieldErrors();
        NewApiToken token = requests.newToken(form.asRequestBody(), errors);
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return listPage(model, form, errors.messages());
        }
        ApiTokens.IssuedToken issued = tokens.issue(token);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        model.addAttribute("token", row(issued.token()));
        model.addAttribute("plaintext", issued.plaintext());
        return "admin/api-token-created";
    }

    @GetMapping("/{id}/revoke")
    String confirmRevoke(@PathVariable String id, Model model) {
        model.addAttribute("token", row(tokens.find(id).orElseThrow(ApiTokenController::notFound)));
        return "admin/api-token-revoke";
    }

    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable String id, RedirectAttributes redirect) {
        ApiToken revoked = tokens.revoke(id).orElseThrow(ApiTokenController::notFound);
        redirect.addFlashAttribute("message", "The token “" + revoked.name()
                + "” is revoked: requests with it are refused within a second.");
        return "redirect:/admin/api-tokens";
    }

    private String listPage(Model model, ApiTokenForm form, Map<String, List<String>> errors) {
        List<Team> allTeams = teams.findAll();
        Map<Long, String> teamNames = allTeams.stream().collect(Collectors.toMap(Team::id, Team::name));
        model.addAttribute("tokens", tokens.all().stream()
                .map(token -> ApiTokenRow.of(token, teamNames, clock.instant())).toList());
        model.addAttribute("teams", allTeams);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "admin/api-tokens";
    }

    private ApiTokenRow row(ApiToken token) {
        Map<Long, String> teamNames = teams.findAll().stream().collect(Collectors.toMap(Team::id, Team::name));
        return ApiTokenRow.of(token, teamNames, clock.instant());
    }
}
