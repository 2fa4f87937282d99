package com.sizemotion.incidents.app.token;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * The shape of API tokens: {@code inc_} + 43 base62 characters of 32 random bytes + a 6 character
 * base62 CRC32 checksum. The checksum lets malformed or mistyped tokens be refused without a
 * database lookup, and the prefix lets secret scanners recognise a leaked token.
 */
public final class ApiTokenFormat {

    static final String PREFIX = "inc_";
    private static final int SECRET_BYTES = 32;
    private static final int SECRET_CHARS = 43;
    private static final int CHECKSUM_CHARS = 6;
    static final int LENGTH = PREFIX.length() + SECRET_CHARS + CHECKSUM_CHARS;
    private static final int DISPLAY_PREFIX_LENGTH = PREFIX.length() + 8;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokenFormat() {
    }

    public static String generate() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        String body = base62(new BigInteger(1, secret), SECRET_CHARS);
        return PREFIX + body + checksum(body);
    }

    /** Whether the text has the prefix, length, alphabet and checksum of a token this service issued. */
    public static boolean isWellFormed(String token) {
        if (token == null || token.length() != LENGTH || !token.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            if (BASE62.indexOf(token.charAt(i)) < 0) {
                return false;
            }
        }
        String body = token.substring(PREFIX.length(), PREFIX.length() + SECRET_CHARS);
        return checksum(body).equals(token.substring(PREFIX.length() + SECRET_CHARS));
    }

    /** The start of a token, safe to show in lists so that people can tell their tokens apart. */
    public static String displayPrefix(String token) {
        return token.substring(0, DISPLAY_PREFIX_LENGTH);
    }

    public static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return base62(BigInteger.valueOf(crc.getValue()), CHECKSUM_CHARS);
    }

    private static String base62(BigInteger value, int width) {
        StringBuilder text = new StringBuilder();
        BigInteger base = BigInteger.valueOf(BASE62.length());
        while (value.signum() > 0) {
            BigInteger[] division = value.divideAndRemainder(base);
            text.append(BASE62.charAt(division[1].intValue()));
            value = division[0];
        }
        while (text.length() < width) {
            text.append('0');
        }
        return text.reverse().toString();
    }
}
