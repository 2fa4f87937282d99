package com.sizemotion.incidents.command.integration;

import com.sizemotion.incidents.api.incident.Severity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertActionKeyTest {

    @Test
    void namespacesKeysByTool() {
        assertThat(AlertAction.key("datadog", "123", "host:web-01")).isEqualTo("datadog:123:host:web-01");
    }

    @Test
    void hashesKeysThatWouldNotFitAnExternalId() {
        String key = AlertAction.key("datadog", "123", "host:" + "x".repeat(300));

        assertThat(key).startsWith("datadog:sha256:").hasSize("datadog:sha256:".length() + 64);
        assertThat(AlertAction.key("datadog", "123", "host:" + "x".repeat(300))).isEqualTo(key);
    }

    @Test
    void keepsAtMostTwentyDistinctTagsThatFit() {
        List<String> tags = new ArrayList<>(List.of("a", " a ", "", "b".repeat(51)));
        for (int i = 0; i < 30; i++) {
            tags.add("t" + i);
        }

        AlertAction.Open open = new AlertAction.Open("k", null, "  t  ", Severity.SEV3, " ", null, tags);

        assertThat(open.tags()).hasSize(20).startsWith("a", "t0").doesNotContain("b".repeat(51));
        assertThat(open.title()).isEqualTo("t");
        assertThat(open.description()).isNull();
        assertThat(open.metadata()).isEqualTo(Map.of());
    }

    @Test
    void shortensALongTitleWithoutSplittingASurrogatePair() {
        String title = "x".repeat(AlertAction.TITLE_MAX - 2) + "\uD83D\uDD25" + "y".repeat(10);

        AlertAction.Open open = new AlertAction.Open("k", null, title, Severity.SEV3, null, null, null);

        assertThat(open.title()).isEqualTo("x".repeat(AlertAction.TITLE_MAX - 2) + "…");
    }
}
