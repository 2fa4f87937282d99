package com.sizemotion.incidents.api.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StorableTextTest {

    @Test
    void acceptsAnyUnicodeTextWithSurrogatePairs() {
        assertThat(StorableText.isStorable("disk full on web-01 \uD83D\uDD25 ünïcödé \uFFFD\uFFFF")).isTrue();
        assertThat(StorableText.isStorable("")).isTrue();
    }

    @Test
    void refusesNulAndLoneSurrogatesWhereverTheyStand() {
        assertThat(StorableText.isStorable("nul\u0000title")).isFalse();
        assertThat(StorableText.isStorable("\u0000")).isFalse();
        assertThat(StorableText.isStorable("lone high \uD800")).isFalse();
        assertThat(StorableText.isStorable("\uD800 lone high first")).isFalse();
        assertThat(StorableText.isStorable("lone low \uDC00 inside")).isFalse();
        assertThat(StorableText.isStorable("reversed \uDD25\uD83D pair")).isFalse();
    }

    @Test
    void cleansByReplacingEachUnstorableCharWithTheReplacementCharacter() {
        assertThat(StorableText.clean("nul\u0000title")).isEqualTo("nul\uFFFDtitle");
        assertThat(StorableText.clean("a\uD800b\uDC00c\uD83D\uDD25")).isEqualTo("a\uFFFDb\uFFFDc\uD83D\uDD25");
        assertThat(StorableText.clean("\uDD25\uD83D")).isEqualTo("\uFFFD\uFFFD");
        assertThat(StorableText.clean("\uD800")).isEqualTo("\uFFFD");
        assertThat(StorableText.clean("clean text")).isEqualTo("clean text");
        assertThat(StorableText.clean(null)).isNull();
    }
}
