package com.sizemotion.incidents.command.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sizemotion.incidents.api.incident.IncidentStatus;
import com.sizemotion.incidents.api.incident.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import com.sizemotion.incidents.api.web.ValidationFailedException;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

class IncidentRequestParserTest {

    private static final String SEVERITY_INVALID = "The severity must be one of: 1, 2, 3, 4.";

    private final ObjectMapper objectMapper = new ObjectMapper();
    private final IncidentRequestParser parser = new IncidentRequestParser(objectMapper);

    @Test
    void acceptsMinimalRequestWithDefaults() {
        IncidentRequest request = parser.parse(minimalBody());

        assertThat(request).isEqualTo(new IncidentRequest(5L, "High CPU usage on web-01", Severity.SEV2,
                null, null, null, Map.of(), List.of(), false, null, IncidentStatus.OPEN));
    }

    @Test
    void acceptsEveryFieldOfTheApiDocument() {
        IncidentRequest request = parser.parse(json("""
                {"team_id": 5, "title": "High memory usage", "severity": "Sev 3",
                 "description": "Memory above 85%", "source": "datadog", "external_id": "datadog_alert_12345",
                 "metadata": {"host": "web-01.example.com", "value": 92.5, "threshold": 85},
                 "tags": ["production", "web-server", "memory"],
                 "assign_to_oncall": true, "oncall_schedule_id": 10, "status": "acknowledged"}
                """));

        assertThat(request).isEqualTo(new IncidentRequest(5L, "High memory usage", Severity.SEV3,
                "Memory above 85%", "datadog", "datadog_alert_12345",
                Map.of("host", "web-01.example.com", "value", 92.5, "threshold", 85),
                List.of("production", "web-server", "memory"), true, 10L, IncidentStatus.ACKNOWLEDGED));
    }

    @Test
    void requiresTeamIdTitleAndSeverity() {
        assertThat(errorsOf(json("{}"))).containsExactly(
                entry("team_id", List.of("The team id field is required.")),
                entry("title", List.of("The title field is required.")),
                entry("severity", List.of("The severity field is required.")));
    }

    @Test
    void treatsNullAndBlankRequiredFieldsAsMissing() {
        assertThat(errorsOf(json("""
                {"team_id": null, "title": "   ", "severity": ""}
                """))).containsExactly(
                entry("team_id", List.of("The team id field is required.")),
                entry("title", List.of("The title field is required.")),
                entry("severity", List.of("The severity field is required.")));
    }

    @Test
    void acceptsTeamIdAsNumericString() {
        assertThat(parser.parse(minimalBody().put("team_id", "5")).teamId()).isEqualTo(5L);
    }

    @Test
    void rejectsTeamIdThatIsNotAnInteger() {
        assertThat(errorsOf(minimalBody().put("team_id", "five")))
                .containsExactly(entry("team_id", List.of("The team id must be an integer.")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "5", "\"Sev 5\"", "2.5", "true", "\"high\""})
    void rejectsSeverityOutsideOneToFour(String severity) {
        ObjectNode body = minimalBody();
        body.set("severity", json(severity));

        assertThat(errorsOf(body)).containsExactly(entry("severity", List.of(SEVERITY_INVALID)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1        | SEV1
            4        | SEV4
            "1"      | SEV1
            "Sev 2"  | SEV2
            "sev 3"  | SEV3
            "SEV4"   | SEV4
            "Sev1"   | SEV1
            """)
    void acceptsSeverityAsLevelOrLabel(String severity, Severity expected) {
        ObjectNode body = minimalBody();
        body.set("severity", json(severity));

        assertThat(parser.parse(body).severity()).isEqualTo(expected);
    }

    @Test
    void acceptsTitleOfMaximumLength() {
        assertThat(parser.parse(minimalBody().put("title", "t".repeat(255))).title()).hasSize(255);
    }

    @Test
    void rejectsTitleLongerThan255Characters() {
        assertThat(errorsOf(minimalBody().put("title", "t".repeat(256))))
                .containsExactly(entry("title", List.of("The title must not be greater than 255 characters.")));
    }

    @Test
    void rejectsSourceLongerThan100Characters() {
        assertThat(errorsOf(minimalBody().put("source", "s".repeat(101))))
                .containsExactly(entry("source", List.of("The source must not be greater than 100 characters.")));
    }

    @Test
    void rejectsExternalIdLongerThan255Characters() {
        assertThat(errorsOf(minimalBody().put("external_id", "e".repeat(256)))).containsExactly(
                entry("external_id", List.of("The external id must not be greater than 255 characters.")));
    }

    @Test
    void acceptsIntegerExternalIdAsItsText() {
        assertThat(parser.parse(minimalBody().put("external_id", 12345)).externalId()).isEqualTo("12345");
    }

    @Test
    void trimsStrings() {
        IncidentRequest request = parser.parse(minimalBody()
                .put("title", "  High CPU usage on web-01 ")
                .put("external_id", " datadog_alert_12345 "));

        assertThat(request.title()).isEqualTo("High CPU usage on web-01");
        assertThat(request.externalId()).isEqualTo("datadog_alert_12345");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "\"host=web-01\"", "42", "true"})
    void rejectsMetadataThatIsNotAnObject(String metadata) {
        ObjectNode body = minimalBody();
        body.set("metadata", json(metadata));

        assertThat(errorsOf(body)).containsExactly(entry("metadata", List.of("The metadata must be a JSON object.")));
    }

    @Test
    void acceptsMetadataOfExactly16384Bytes() {
        ObjectNode body = minimalBody();
        body.putObject("metadata").put("blob", "x".repeat(16_384 - "{\"blob\":\"\"}".length()));

        assertThat(parser.parse(body).metadata()).containsOnlyKeys("blob");
    }

    @Test
    void rejectsMetadataLargerThan16384Bytes() {
        ObjectNode body = minimalBody();
        body.putObject("metadata").put("blob", "x".repeat(16_384 - "{\"blob\":\"\"}".length() + 1));

        assertThat(errorsOf(body))
                .containsExactly(entry("metadata", List.of("The metadata must not be larger than 16384 bytes.")));
    }

    @Test
    void acceptsMetadataNestedThirtyTwoLevelsDeep() {
        ObjectNode body = minimalBody();
        body.set("metadata", json("{\"a\":".repeat(31) + "{}" + "}".repeat(31)));

        assertThat(parser.parse(body).metadata()).containsOnlyKeys("a");
    }

    @Test
    void rejectsMetadataNestedDeeperThanThirtyTwoLevels() {
        ObjectNode body = minimalBody();
        body.set("metadata", json("{\"a\":".repeat(32) + "[]" + "}".repeat(32)));

        assertThat(errorsOf(body))
                .containsExactly(entry("metadata", List.of("The metadata must not nest more than 32 levels deep.")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "99999999999999999999", "1.5", "-1.0", "true", "[5]", "{\"id\":5}", "\"5e0\""})
    void rejectsTeamIdThatIsNoIntegerALongHolds(String teamId) {
        ObjectNode body = minimalBody();
        body.set("team_id", json(teamId));

        assertThat(errorsOf(body)).containsExactly(entry("team_id", List.of("The team id must be an integer.")));
    }

    @Test
    void rejectsTagsThatAreNotAnArray() {
        assertThat(errorsOf(minimalBody().put("tags", "production")))
                .containsExactly(entry("tags", List.of("The tags must be an array.")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"production\", 5]", "[\"production\", null]", "[\"production\", \" \"]",
            "[\"production\", {\"env\": \"prod\"}]"})
    void rejectsTagThatIsNotANonEmptyString(String tags) {
        ObjectNode body = minimalBody();
        body.set("tags", json(tags));

        assertThat(errorsOf(body)).containsExactly(
                entry("tags", List.of("Each tag must be a non-empty string of at most 50 characters.")));
    }

    @Test
    void rejectsTagLongerThan50Characters() {
        ObjectNode body = minimalBody();
        body.putArray("tags").add("t".repeat(51));

        assertThat(errorsOf(body)).containsExactly(
                entry("tags", List.of("Each tag must be a non-empty string of at most 50 characters.")));
    }

    @Test
    void acceptsTwentyTags() {
        ObjectNode body = minimalBody();
        ArrayNode tags = body.putArray("tags");
        for (int i = 1; i <= 20; i++) {
            tags.add("tag-" + i);
        }

        assertThat(parser.parse(body).tags()).hasSize(20);
    }

    @Test
    void rejectsMoreThanTwentyTags() {
        ObjectNode body = minimalBody();
        ArrayNode tags = body.putArray("tags");
        for (int i = 1; i <= 21; i++) {
            tags.add("tag-" + i);
        }

        assertThat(errorsOf(body)).containsExactly(entry("tags", List.of("The tags must not have more than 20 items.")));
    }

    @Test
    void trimsTagsAndDropsDuplicates() {
        ObjectNode body = minimalBody();
        body.putArray("tags").add(" production ").add("api").add("production");

        assertThat(parser.parse(body).tags()).containsExactly("production", "api");
    }

    @Test
    void requiresOncallScheduleWhenAssigningToOncall() {
        assertThat(errorsOf(minimalBody().put("assign_to_oncall", true))).containsExactly(
                entry("oncall_schedule_id", List.of("The oncall schedule id field is required when assign to oncall is true.")));
    }

    @Test
    void acceptsAssignmentToOncallWithSchedule() {
        IncidentRequest request = parser.parse(minimalBody().put("assign_to_oncall", true).put("oncall_schedule_id", 10));

        assertThat(request.assignToOncall()).isTrue();
        assertThat(request.oncallScheduleId()).isEqualTo(10L);
    }

    @Test
    void reportsOnlyTheTypeErrorForNonIntegerOncallSchedule() {
        assertThat(errorsOf(minimalBody().put("assign_to_oncall", true).put("oncall_schedule_id", "ten")))
                .containsExactly(entry("oncall_schedule_id", List.of("The oncall schedule id must be an integer.")));
    }

    @Test
    void rejectsAssignToOncallThatIsNotABoolean() {
        assertThat(errorsOf(minimalBody().put("assign_to_oncall", "yes")))
                .containsExactly(entry("assign_to_oncall", List.of("The assign to oncall field must be true or false.")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"closed", "new", "opened"})
    void rejectsUnknownStatus(String status) {
        assertThat(errorsOf(minimalBody().put("status", status))).containsExactly(entry("status",
                List.of("The selected status is invalid. It must be one of: open, acknowledged, resolved.")));
    }

    @Test
    void acceptsStatusInAnyCase() {
        assertThat(parser.parse(minimalBody().put("status", "Resolved")).status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void reportsUnknownFieldUnderItsOwnName() {
        assertThat(errorsOf(minimalBody().put("assign_to_on_call", true))).containsExactly(
                entry("assign_to_on_call", List.of("The assign_to_on_call field is not a recognised field.")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"team_id\": 5}]", "\"text\"", "42", "null"})
    void rejectsBodyThatIsNotAnObject(String body) {
        assertThat(errorsOf(json(body)))
                .containsExactly(entry("body", List.of("The request body must be a JSON object.")));
    }

    @Test
    void rejectsMissingBody() {
        assertThat(errorsOf(null)).containsExactly(entry("body", List.of("The request body must be a JSON object.")));
        assertThat(errorsOf(NullNode.getInstance()))
                .containsExactly(entry("body", List.of("The request body must be a JSON object.")));
    }

    @Test
    void treatsEmptyOptionalFieldsAsAbsent() {
        IncidentRequest request = parser.parse(json("""
                {"team_id": 5, "title": "High CPU usage on web-01", "severity": 2,
                 "description": "", "source": "", "external_id": "", "metadata": "", "tags": "",
                 "assign_to_oncall": "", "oncall_schedule_id": "", "status": ""}
                """));

        assertThat(request).isEqualTo(parser.parse(minimalBody()));
    }

    @Test
    void collectsAllErrorsAtOnce() {
        ValidationFailedException failure = failureOf(json("""
                {"title": "%s", "severity": "high", "source": "%s", "tags": "production",
                 "metadata": [1], "assign_to_oncall": true, "status": "closed", "assign_to_on_call": true}
                """.formatted("t".repeat(256), "s".repeat(101))));

        assertThat(errors(failure)).containsOnly(
                entry("assign_to_on_call", List.of("The assign_to_on_call field is not a recognised field.")),
                entry("team_id", List.of("The team id field is required.")),
                entry("title", List.of("The title must not be greater than 255 characters.")),
                entry("severity", List.of(SEVERITY_INVALID)),
                entry("source", List.of("The source must not be greater than 100 characters.")),
                entry("metadata", List.of("The metadata must be a JSON object.")),
                entry("tags", List.of("The tags must be an array.")),
                entry("oncall_schedule_id", List.of("The oncall schedule id field is required when assign to oncall is true.")),
                entry("status", List.of("The selected status is invalid. It must be one of: open, acknowledged, resolved.")));
    }

    private ObjectNode minimalBody() {
        return objectMapper.createObjectNode()
                .put("team_id", 5)
                .put("title", "High CPU usage on web-01")
                .put("severity", 2);
    }

    private JsonNode json(String text) {
        try {
            return objectMapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private ValidationFailedException failureOf(JsonNode body) {
        ValidationFailedException failure = catchThrowableOfType(ValidationFailedException.class, () -> parser.parse(body));
        assertThat(failure).as("validation failure for %s", body).isNotNull();
        return failure;
    }

    private Map<String, List<String>> errorsOf(JsonNode body) {
        return errors(failureOf(body));
    }

    private static Map<String, List<String>> errors(ValidationFailedException failure) {
        return failure.errors();
    }
}
