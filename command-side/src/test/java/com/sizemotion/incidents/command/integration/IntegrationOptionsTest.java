package com.sizemotion.incidents.command.integration;

import com.sizemotion.incidents.api.web.ValidationFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IntegrationOptionsTest {

    @Test
    void readsTheQueryParameters() {
        assertThat(IntegrationOptions.parse(parameters(Map.of("team_id", List.of("5"), "assign_to_oncall", List.of("true"),
                "oncall_schedule_id", List.of("10"))))).isEqualTo(new IntegrationOptions(5L, true, 10L));
        assertThat(IntegrationOptions.parse(parameters(Map.of()))).isEqualTo(new IntegrationOptions(null, false, null));
    }

    @Test
    void refusesUnknownRepeatedAndMalformedParameters() {
        Map<String, List<String>> errors = catchThrowableOfType(ValidationFailedException.class, () -> IntegrationOptions.parse(
                parameters(Map.of("team_id", List.of("5", "6"), "assign_to_on_call", List.of("true"),
                        "oncall_schedule_id", List.of("ten"))))).errors();

        assertThat(errors).containsOnlyKeys("team_id", "assign_to_on_call", "oncall_schedule_id");
    }

    @Test
    void requiresAScheduleToAssignToOncall() {
        Map<String, List<String>> errors = catchThrowableOfType(ValidationFailedException.class, () -> IntegrationOptions.parse(
                parameters(Map.of("team_id", List.of("5"), "assign_to_oncall", List.of("1"))))).errors();

        assertThat(errors).isEqualTo(Map.of("oncall_schedule_id",
                List.of("The oncall schedule id field is required when assign to oncall is true.")));
    }

    private static MultiValueMap<String, String> parameters(Map<String, List<String>> values) {
        return new LinkedMultiValueMap<>(values);
    }
}
