package com.sizemotion.incidents.app.config;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AxonSerializerConfigurationTest {

    private final Serializer serializer = AxonSerializerConfiguration.jacksonSerializer();

    @Test
    void readsBackMetadataWithNamesNumbersAndStringsBeyondJacksonsDefaultReadLimits() {
        Map<String, Object> metadata = new HashMap<>(Map.of(
                "k".repeat(65_536), "a name longer than Jackson's default 50,000 characters",
                "number", new BigDecimal("9".repeat(2_000)),
                "text", "x".repeat(1_000_000)));

        SerializedObject<byte[]> stored = serializer.serialize(metadata, byte[].class);
        Map<String, Object> read = serializer.deserialize(stored);

        assertThat(read).containsOnlyKeys(metadata.keySet());
        assertThat(read.get("text")).isEqualTo(metadata.get("text"));
        assertThat(new BigDecimal(read.get("number").toString())).isEqualTo(metadata.get("number"));
    }
}
