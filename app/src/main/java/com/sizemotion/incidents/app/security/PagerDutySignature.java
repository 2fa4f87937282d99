package com.sizemotion.incidents.app.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * PagerDuty's v3 webhook signature: {@code X-PagerDuty-Signature: v1=<hex>,v1=<hex>}, each the
 * HMAC-SHA256 of the raw request body under one of the subscription's secrets (several during a
 * secret rotation). A delivery is authentic when any {@code v1} value matches.
 */
final class PagerDutySignature {

    private static final String VERSION = "v1=";

    private PagerDutySignature() {
    }

    static boolean matches(String secret, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        byte[] expected = HexFormat.of().formatHex(hmacSha256(secret, body)).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String signature : header.split(",")) {
            String value = signature.trim();
            if (value.regionMatches(true, 0, VERSION, 0, VERSION.length())) {
                byte[] given = value.substring(VERSION.length()).trim().toLowerCase(Locale.ROOT)
                        .getBytes(StandardCharsets.US_ASCII);
                matched |= MessageDigest.isEqual(expected, given);
            }
        }
        return matched;
    }

    static String sign(String secret, byte[] body) {
        return VERSION + HexFormat.of().formatHex(hmacSha256(secret, body));
    }

    private static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
