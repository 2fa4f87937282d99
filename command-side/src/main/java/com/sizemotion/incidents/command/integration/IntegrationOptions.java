package com.sizemotion.incidents.command.integration;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.command.web.JsonFields;
import org.springframework.util.MultiValueMap;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters of every integration endpoint. Unknown parameters are refused, so that a
 * misspelt {@code assign_to_on_call} cannot silently page nobody.
 *
 * @param teamId the team of alerts whose payload does not name one; {@code null} when not given
 */
public record IntegrationOptions(Long teamId, boolean assignToOncall, Long oncallScheduleId) {

    private static final Set<String> PARAMETERS = Set.of("team_id", "oncall_schedule_id", "assign_to_oncall");

    public static IntegrationOptions parse(MultiValueMap<String, String> parameters) {
        FieldErrors errors = new FieldErrors();
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (!PARAMETERS.contains(name)) {
                errors.add(name, "The " + name + " parameter is not a recognised parameter.");
            } else if (parameter.getValue().size() > 1) {
                errors.add(name, "The " + JsonFields.label(name) + " parameter must be given only once.");
            } else {
                values.put(name, parameter.getValue().get(0));
            }
        }
        JsonFields fields = new JsonFields(values, errors);
        Long teamId = fields.optionalInteger("team_id");
        boolean assignToOncall = fields.optionalBoolean("assign_to_oncall");
        Long oncallScheduleId = fields.optionalInteger("oncall_schedule_id");
        if (assignToOncall && oncallScheduleId == null && !errors.has("oncall_schedule_id")) {
            errors.add("oncall_schedule_id", "The oncall schedule id field is required when assign to oncall is true.");
        }
        errors.throwIfAny();
        return new IntegrationOptions(teamId, assignToOncall, oncallScheduleId);
    }
}
