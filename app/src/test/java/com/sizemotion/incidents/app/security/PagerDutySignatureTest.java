package com.sizemotion.incidents.app.security;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PagerDutySignatureTest {

    private static final byte[] BODY = "{\"event\":{\"event_type\":\"pagey.ping\",\"data\":{\"note\":\"ünïcode\"}}}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptsTheSignatureOfTheBodyUnderTheSecret() {
        assertThat(PagerDutySignature.matches("secret", BODY, PagerDutySignature.sign("secret", BODY))).isTrue();
    }

    @Test
    void matchesAKnownHmacSha256() {
        byte[] body = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);

        assertThat(PagerDutySignature.matches("key", body,
                "v1=F7BC83F430538424B13298E6AA6FB143EF4D59A14946175997479DBC2D1A3CD8")).isTrue();
    }

    @Test
    void acceptsAnyOfSeveralSignaturesDuringASecretRotation() {
        String header = PagerDutySignature.sign("old-secret", BODY) + ", " + PagerDutySignature.sign("new-secret", BODY);

        assertThat(PagerDutySignature.matches("new-secret", BODY, header)).isTrue();
        assertThat(PagerDutySignature.matches("old-secret", BODY, header)).isTrue();
        assertThat(PagerDutySignature.matches("other", BODY, header)).isFalse();
    }

    @Test
    void refusesMissingWrongAndOtherVersionSignatures() {
        String signature = PagerDutySignature.sign("secret", BODY);
        byte[] altered = "{\"event\":{}}".getBytes(StandardCharsets.UTF_8);

        assertThat(PagerDutySignature.matches("secret", BODY, null)).isFalse();
        assertThat(PagerDutySignature.matches("secret", BODY, "")).isFalse();
        assertThat(PagerDutySignature.matches("secret", altered, signature)).isFalse();
        assertThat(PagerDutySignature.matches("secret", BODY, signature.replace("v1=", "v2="))).isFalse();
        assertThat(PagerDutySignature.matches("secret", BODY, signature.substring(0, signature.length() - 2))).isFalse();
    }
}
