package com.sizemotion.incidents.command.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.command.web.JsonFields;

import java.util.Set;

/** A request body that names one existing user, {@code {"user_id": 42}}: adding a team member and assigning an incident take one. */
public final class UserIdRequest {

    private UserIdRequest() {
    }

    /** The user the body names; a 422 for anything else (no object, unknown fields, no or an unknown user id). */
    public static UserAccount user(JsonNode body, UserAccountRepository users) {
        if (body == null || !body.isObject()) {
            throw FieldErrors.single("body", "The request body must be a JSON object.");
        }
        FieldErrors errors = new FieldErrors();
        JsonFields fields = new JsonFields(body, errors);
        fields.rejectUnknown(Set.of("user_id"));
        Long userId = fields.requiredInteger("user_id");
        errors.throwIfAny();
        return users.find(userId).orElseThrow(() -> FieldErrors.single("user_id", "The selected user id is invalid."));
    }
}
