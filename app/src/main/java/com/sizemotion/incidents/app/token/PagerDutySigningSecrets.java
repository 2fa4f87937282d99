package com.sizemotion.incidents.app.token;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The PagerDuty webhook signing secret an admin may set on an API token: deliveries through that
 * token must then be signed with it. Stored as given, because checking an HMAC needs the secret
 * itself; it leaves the service only as PagerDuty's signatures, never in an API answer.
 */
@Component
public class PagerDutySigningSecrets {

    static final int SECRET_MAX = 255;

    private final JdbcClient jdbc;

    PagerDutySigningSecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> secretOf(long tokenId) {
        return jdbc.sql("SELECT pagerduty_signing_secret FROM api_token WHERE id = ? AND pagerduty_signing_secret IS NOT NULL")
                .param(tokenId)
                .query(String.class)
                .optional();
    }

    /**
     * Sets the token's secret, or removes it when {@code secret} is {@code null}.
     *
     * @return whether the token exists
     */
    boolean change(long tokenId, String secret) {
        return jdbc.sql("UPDATE api_token SET pagerduty_signing_secret = ? WHERE id = ?").params(secret, tokenId).update() == 1;
    }

    Set<Long> tokensWithSecret() {
        return new HashSet<>(jdbc.sql("SELECT id FROM api_token WHERE pagerduty_signing_secret IS NOT NULL")
                .query(Long.class).list());
    }
}
