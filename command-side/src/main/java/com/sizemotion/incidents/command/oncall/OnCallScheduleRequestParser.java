package com.sizemotion.incidents.command.oncall;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.api.oncall.OnCallLayer;
import com.sizemotion.incidents.command.directory.TeamMembershipRepository;
import com.sizemotion.incidents.command.directory.UserAccountRepository;
import com.sizemotion.incidents.command.team.TeamRepository;
import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.command.web.JsonFields;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validates the bodies of the schedule admin API field by field, in the API document's wording,
 * and collects every problem before answering. Users on a schedule must be members of its team.
 */
@Component
class OnCallScheduleRequestParser {

    /** A valid request to create a schedule. */
    record NewSchedule(long teamId, String name, String timeZone, List<OnCallLayer> layers) {
    }

    /** A valid request to add an override. */
    record NewOverride(long userId, Instant startsAt, Instant endsAt) {
    }

    static final int NAME_MAX = 100;
    static final int TIME_ZONE_MAX = 64;
    static final int LAYERS_MAX = 10;
    static final int SHIFT_LENGTH_MAX = 40;
    static final int LAYER_USERS_MAX = 100;

    private static final Set<String> SCHEDULE_FIELDS = Set.of("team_id", "name", "time_zone", "layers");
    private static final Set<String> LAYER_FIELDS = Set.of("name", "user_ids", "shift_length", "starts_at");
    private static final Set<String> OVERRIDE_FIELDS = Set.of("user_id", "starts_at", "ends_at");

    private final TeamRepository teams;
    private final UserAccountRepository users;
    private final TeamMembershipRepository memberships;

    OnCallScheduleRequestParser(TeamRepository teams, UserAccountRepository users,
                                TeamMembershipRepository memberships) {
        this.teams = teams;
        this.users = users;
        this.memberships = memberships;
    }

    NewSchedule schedule(JsonNode body) {
        JsonFields fields = fieldsOf(body, SCHEDULE_FIELDS);
        FieldErrors errors = fields.errors();
        Long teamId = fields.requiredInteger("team_id");
        if (teamId != null && !teams.exists(teamId)) {
            errors.add("team_id", "The selected team id is invalid.");
            teamId = null;
        }
        String name = fields.requiredString("name", NAME_MAX);
        String timeZone = timeZone(fields);
        List<OnCallLayer> layers = layers(fields, teamId);
        errors.throwIfAny();
        return new NewSchedule(teamId, name, timeZone, layers);
    }

    /** The body of a layer replacement: {@code {"layers":[…]}}. */
    List<OnCallLayer> layers(JsonNode body, long teamId) {
        JsonFields fields = fieldsOf(body, Set.of("layers"));
        List<OnCallLayer> layers = layers(fields, teamId);
        fields.errors().throwIfAny();
        return layers;
    }

    NewOverride override(JsonNode body, long teamId) {
        JsonFields fields = fieldsOf(body, OVERRIDE_FIELDS);
        FieldErrors errors = fields.errors();
        Long userId = fields.requiredInteger("user_id");
        if (userId != null) {
            checkUsers(errors, teamId, Map.of(userId, "user_id"));
        }
        Instant startsAt = fields.requiredInstant("starts_at");
        Instant endsAt = fields.requiredInstant("ends_at");
        if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
            errors.add("ends_at", "The ends at must be a date after starts at.");
        }
        errors.throwIfAny();
        return new NewOverride(userId, startsAt, endsAt);
    }

    private static JsonFields fieldsOf(JsonNode body, Set<String> known) {
        if (body == null || !body.isObject()) {
            throw FieldErrors.single("body", "The request body must be a JSON object.");
        }
        JsonFields fields = new JsonFields(body, new FieldErrors());
        fields.rejectUnknown(known);
        return fields;
    }

    private static String timeZone(JsonFields fields) {
        String zone = fields.requiredString("time_zone", TIME_ZONE_MAX);
        if (zone != null && !ZoneId.getAvailableZoneIds().contains(zone)) {
            fields.errors().add("time_zone", "The time zone must be a valid IANA time zone, such as Europe/Berlin.");
            return null;
        }
        return zone;
    }

    /** The layers, with their users checked against the team when the team is known. */
    private List<OnCallLayer> layers(JsonFields fields, Long teamId) {
        FieldErrors errors = fields.errors();
        JsonNode node = fields.given("layers");
        if (node == null) {
            errors.add("layers", "The layers field is required.");
            return List.of();
        }
        if (!node.isArray() || node.isEmpty() || node.size() > LAYERS_MAX) {
            errors.add("layers", "The layers must be an array of 1 to " + LAYERS_MAX + " layers.");
            return List.of();
        }
        List<OnCallLayer> layers = new ArrayList<>();
        Map<Long, String> userFields = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isObject()) {
                errors.add("layers." + i, "The layers." + i + " must be an object.");
                continue;
            }
            JsonFields layer = fields.element("layers", i, node.get(i));
            layer.rejectUnknown(LAYER_FIELDS);
            String name = layer.requiredString("name", NAME_MAX);
            if (name != null && !names.add(name.toLowerCase(Locale.ROOT))) {
                errors.add(layer.key("name"), "The " + JsonFields.label(layer.key("name")) + " field has a duplicate value.");
            }
            List<Long> userIds = userIds(layer);
            for (int j = 0; j < userIds.size(); j++) {
                userFields.putIfAbsent(userIds.get(j), layer.key("user_ids") + "." + j);
            }
            String shiftLength = shiftLength(layer);
            Instant startsAt = layer.requiredInstant("starts_at");
            if (name != null && shiftLength != null && startsAt != null) {
                layers.add(new OnCallLayer(name, userIds, shiftLength, startsAt));
            }
        }
        if (teamId != null) {
            checkUsers(errors, teamId, userFields);
        }
        return layers;
    }

    private static List<Long> userIds(JsonFields layer) {
        String field = layer.key("user_ids");
        JsonNode node = layer.given("user_ids");
        if (node == null || !node.isArray() || node.size() > LAYER_USERS_MAX) {
            layer.errors().add(field, "The " + JsonFields.label(field) + " must be an array of at most "
                    + LAYER_USERS_MAX + " user ids (it may be empty).");
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        for (JsonNode id : node) {
            if (!id.isIntegralNumber() || !id.canConvertToLong()) {
                layer.errors().add(field, "The " + JsonFields.label(field) + " must contain user ids only.");
                return List.of();
            }
            ids.add(id.asLong());
        }
        return ids;
    }

    private static String shiftLength(JsonFields layer) {
        String text = layer.requiredString("shift_length", SHIFT_LENGTH_MAX);
        if (text != null && ShiftLength.parse(text).isEmpty()) {
            layer.errors().add(layer.key("shift_length"),
                    "The " + JsonFields.label(layer.key("shift_length")) + " must be " + ShiftLength.RULE + ".");
            return null;
        }
        return text == null ? null : text.toUpperCase(Locale.ROOT);
    }

    /** Reports, on the field that named it, every user that does not exist or is not a member of the team. */
    private void checkUsers(FieldErrors errors, long teamId, Map<Long, String> fieldOfUser) {
        Set<Long> known = users.findAll(fieldOfUser.keySet()).keySet();
        Set<Long> outsiders = memberships.nonMembers(teamId, new LinkedHashSet<>(known));
        fieldOfUser.forEach((userId, field) -> {
            if (!known.contains(userId)) {
                errors.add(field, "The selected " + JsonFields.label(field) + " is invalid.");
            } else if (outsiders.contains(userId)) {
                errors.add(field, "The user " + userId + " is not a member of team " + teamId + ".");
            }
        });
    }
}
