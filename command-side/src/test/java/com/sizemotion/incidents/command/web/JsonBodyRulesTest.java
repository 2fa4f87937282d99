package com.sizemotion.incidents.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sizemotion.incidents.api.web.FieldErrors;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonBodyRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void acceptsAnyUnicodeTextAndNumbers() {
        assertThat(problems("""
                {"title": "disk full \\ud83d\\udd25 ünïcödé", "team_id": 99999999999999999999, "ratio": 1.5,
                 "tags": ["a", "b"], "metadata": {"host": "web-01", "nested": [{"deep": null}]}}""")).isEmpty();
    }

    @Test
    void namesEveryFieldWhoseTextCannotBeStoredKeysIncludedAtAnyDepth() {
        Map<String, List<String>> problems = problems("""
                {"title": "nul\\u0000title", "tags": ["ok", "a\\ud800b"], "team_id": 1,
                 "metadata": {"host": "\\udc00", "bad\\u0000key": "value", "list": [{"x": "\\u0000"}]}}""");

        assertThat(problems).containsOnlyKeys("title", "tags.1", "metadata.host", "metadata.bad\uFFFDkey", "metadata.list.0.x");
        assertThat(problems.get("title")).containsExactly("The title must not contain NUL characters or invalid Unicode.");
        assertThat(problems.get("metadata.bad\uFFFDkey"))
                .containsExactly("The name of metadata.bad\uFFFDkey must not contain NUL characters or invalid Unicode.");
    }

    @Test
    void refusesABodyThatIsOnlyUnstorableText() {
        assertThat(problems("\"\\u0000\"")).containsOnlyKeys("body");
    }

    @Test
    void refusesNumbersBeyondTheRangeOfADouble() {
        assertThat(problems("{\"team_id\": 1e400, \"metadata\": {\"x\": -1e999}}")).containsOnlyKeys("team_id", "metadata.x");
    }

    @Test
    void limitsTheNestingOfTheWholeBody() {
        assertThat(problems(nested(JsonBodyRules.MAX_DEPTH))).isEmpty();
        assertThat(problems(nested(JsonBodyRules.MAX_DEPTH + 1))).isEqualTo(Map.of("body",
                List.of("The request body must not nest more than 64 levels deep.")));
        assertThat(problems(nested(999))).containsOnlyKeys("body");
    }

    @Test
    void countsEachObjectOrArrayAsOneLevel() {
        assertThat(JsonBodyRules.exceedsDepth(json("\"text\""), 0)).isFalse();
        assertThat(JsonBodyRules.exceedsDepth(json("{}"), 1)).isFalse();
        assertThat(JsonBodyRules.exceedsDepth(json("{\"a\":[1]}"), 2)).isFalse();
        assertThat(JsonBodyRules.exceedsDepth(json("{\"a\":[{}]}"), 2)).isTrue();
    }

    /** An object whose {@code a} holds an object, {@code levels} objects in all. */
    static String nested(int levels) {
        return "{\"a\":".repeat(levels - 1) + "{}" + "}".repeat(levels - 1);
    }

    private static Map<String, List<String>> problems(String body) {
        FieldErrors errors = new FieldErrors();
        JsonBodyRules.check(json(body), errors);
        return errors.messages();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
