package com.sizemotion.incidents.command.integration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sizemotion.incidents.api.web.FieldErrors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTextCleaned() {
        JsonNode payload = json("{\"summary\": \" disk\\u0000full \\ud800 \", \"count\": 3, \"unset\": \"$ALERT_ID\"}");

        assertThat(PayloadText.of(payload, "summary")).isEqualTo("disk\uFFFDfull \uFFFD");
        assertThat(PayloadText.of(payload, "count")).isEqualTo("3");
        assertThat(PayloadText.of(payload, "unset")).isNull();
    }

    @Test
    void readsKeysAsSentAndRefusesThoseThatCannotBeStored() {
        JsonNode payload = json("{\"fingerprint\": \"f\\u0000x\", \"id\": \" P1 \"}");
        FieldErrors errors = new FieldErrors();

        assertThat(PayloadText.key(payload, "id", "id", errors)).isEqualTo("P1");
        assertThat(PayloadText.key(payload, "fingerprint", "alerts.0.fingerprint", errors)).isNull();
        assertThat(errors.messages()).containsOnlyKeys("alerts.0.fingerprint");
        assertThat(errors.messages().get("alerts.0.fingerprint")).containsExactly("The alerts.0.fingerprint must not "
                + "contain NUL characters or invalid Unicode. It identifies the alert, so it is not cleaned.");
    }

    @Test
    void cleansATreeFieldNamesIncluded() {
        assertThat(PayloadText.cleaned(json("{\"a\\u0000\": [\"\\udc00\", 1, {\"b\": \"ok\"}], \"n\": null}")))
                .isEqualTo(json("{\"a\\ufffd\": [\"\\ufffd\", 1, {\"b\": \"ok\"}], \"n\": null}"));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
