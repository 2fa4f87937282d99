package com.sizemotion.incidents.query.projection;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Where each streaming processor is in the event stream as the shared token store has it: the
 * segments of every node, not only this one's (whose positions in memory are more recent).
 */
@Repository
class ProjectionPositions {

    private final JdbcClient jdbc;
    private final Serializer serializer;

    ProjectionPositions(JdbcClient jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The global index of the newest event; -1 when there is none. */
    long head() {
        return jdbc.sql("SELECT coalesce(max(global_index), -1) FROM domain_event_entry").query(Long.class).single();
    }

    /** The stored position of each segment of a processor; empty for a segment that has not started. */
    Map<Integer, OptionalLong> storedBySegment(String processorName) {
        Map<Integer, OptionalLong> positions = new TreeMap<>();
        jdbc.sql("SELECT segment, token, token_type FROM token_entry WHERE processor_name = ?")
                .param(processorName)
                .query(rs -> {
                    positions.put(rs.getInt(1), position(rs.getBytes(2), rs.getString(3)));
                });
        return positions;
    }

    private OptionalLong position(byte[] token, String tokenType) {
        if (token == null || tokenType == null) {
            return OptionalLong.empty();
        }
        TrackingToken trackingToken = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, tokenType, null));
        return trackingToken == null ? OptionalLong.empty() : trackingToken.position();
    }
}
