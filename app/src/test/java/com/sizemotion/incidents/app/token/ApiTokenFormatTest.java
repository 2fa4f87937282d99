package com.sizemotion.incidents.app.token;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApiTokenFormatTest {

    /** Issued by an earlier build: the format (base62 body, base62 CRC32 checksum) must keep accepting it. */
    private static final String ISSUED_TOKEN = "inc_JCvlqlXP8g14klpkdfxBinUs1qCbTFb9DunOUd4W4EL0irezs";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @Test
    void generatesWellFormedTokensWithPrefixAndFixedLength() {
        for (int i = 0; i < 100; i++) {
            String token = ApiTokenFormat.generate();

            assertThat(token).startsWith("inc_").hasSize(53).matches("inc_[0-9A-Za-z]{49}");
            assertThat(ApiTokenFormat.isWellFormed(token)).as(token).isTrue();
        }
    }

    @Test
    void generatesADifferentTokenEachTime() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(ApiTokenFormat.generate());
        }

        assertThat(tokens).hasSize(1000);
    }

    @Test
    void acceptsTokenIssuedEarlier() {
        assertThat(ApiTokenFormat.isWellFormed(ISSUED_TOKEN)).isTrue();
    }

    @Test
    void rejectsTokenWithAnyOneCharacterChanged() {
        for (int i = "inc_".length(); i < ISSUED_TOKEN.length(); i++) {
            char original = ISSUED_TOKEN.charAt(i);
            char replacement = BASE62.charAt((BASE62.indexOf(original) + 1) % BASE62.length());
            String changed = ISSUED_TOKEN.substring(0, i) + replacement + ISSUED_TOKEN.substring(i + 1);

            assertThat(ApiTokenFormat.isWellFormed(changed)).as(changed).isFalse();
        }
    }

    @Test
    void rejectsCharactersOutsideBase62() {
        assertThat(ApiTokenFormat.isWellFormed(ISSUED_TOKEN.replace('J', '-'))).isFalse();
        assertThat(ApiTokenFormat.isWellFormed(ISSUED_TOKEN.replace('J', '_'))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"inx_", "INC_", "ghp_", "inc-"})
    void rejectsWrongPrefix(String prefix) {
        assertThat(ApiTokenFormat.isWellFormed(prefix + ISSUED_TOKEN.substring(4))).isFalse();
    }

    @Test
    void rejectsWrongLength() {
        assertThat(ApiTokenFormat.isWellFormed(ISSUED_TOKEN + "0")).isFalse();
        assertThat(ApiTokenFormat.isWellFormed(ISSUED_TOKEN.substring(0, 52))).isFalse();
        assertThat(ApiTokenFormat.isWellFormed("inc_" + ISSUED_TOKEN.substring(5))).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsMissingToken(String token) {
        assertThat(ApiTokenFormat.isWellFormed(token)).isFalse();
    }

    @Test
    void rejectsBrokenChecksum() {
        String body = ISSUED_TOKEN.substring(0, 47);

        assertThat(ApiTokenFormat.isWellFormed(body + "000000")).isFalse();
        assertThat(ApiTokenFormat.isWellFormed(body + "0irezt")).isFalse();
    }

    @Test
    void showsPrefixAndFirstEightCharactersAsDisplayPrefix() {
        assertThat(ApiTokenFormat.displayPrefix(ISSUED_TOKEN)).isEqualTo("inc_JCvlqlXP");
    }

    @Test
    void hashesTokenWithSha256InLowerCaseHex() {
        assertThat(ApiTokenFormat.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ApiTokenFormat.sha256Hex(ISSUED_TOKEN))
                .isEqualTo("4979c3247c7051825bc9a3ec72152edf6928723d03bc24f55d22fe7b0d52205a");
    }
}
