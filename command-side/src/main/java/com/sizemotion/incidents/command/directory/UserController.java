package com.sizemotion.incidents.command.directory;

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

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Admin API for the people who can be on call: {@code /api/v1/admin/users}. */
@RestController
class UserController {

    private static final int NAME_MAX = 100;
    private static final int EMAIL_MAX = 254;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");
    private static final String EMAIL_TAKEN = "The email has already been taken.";

    private final UserAccountRepository users;
    private final Clock clock;

    UserController(UserAccountRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @PostMapping(path = "/api/v1/admin/users", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<UserAccount> create(@RequestBody(required = false) JsonNode body) {
        if (body == null || !body.isObject()) {
            throw FieldErrors.single("body", "The request body must be a JSON object.");
        }
        FieldErrors errors = new FieldErrors();
        JsonFields fields = new JsonFields(body, errors);
        fields.rejectUnknown(Set.of("name", "email"));
        String name = fields.requiredString("name", NAME_MAX);
        String email = fields.requiredString("email", EMAIL_MAX);
        if (email != null && !EMAIL.matcher(email).matches()) {
            errors.add("email", "The email must be a valid email address.");
        } else if (email != null && users.emailTaken(email)) {
            errors.add("email", EMAIL_TAKEN);
        }
        errors.throwIfAny();
        return ApiResponse.of(users.create(name, email, clock.instant())
                .orElseThrow(() -> FieldErrors.single("email", EMAIL_TAKEN)));
    }

    @GetMapping("/api/v1/admin/users")
    ApiResponse<List<UserAccount>> list() {
        return ApiResponse.of(users.findAll());
    }
}
