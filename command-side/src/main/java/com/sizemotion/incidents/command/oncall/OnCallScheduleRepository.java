package com.sizemotion.incidents.command.oncall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sizemotion.incidents.api.oncall.OnCallLayer;
import com.sizemotion.incidents.api.oncall.OnCallOverrideAddedEvent;
import com.sizemotion.incidents.api.oncall.OnCallScheduleCreatedEvent;
import com.sizemotion.incidents.command.oncall.OnCallScheduleView.OverrideView;
import com.sizemotion.incidents.command.oncall.OnCallTimeline.LayerSet;
import com.sizemotion.incidents.command.oncall.OnCallTimeline.OverrideWindow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The command side's copy of the on-call schedules ({@code oncall_schedule}, {@code
 * oncall_layer_set}, {@code oncall_override}), kept by {@link OnCallScheduleUpdater} in the
 * transaction that appends the schedule's events.
 */
@Repository
public class OnCallScheduleRepository {

    private static final TypeReference<List<OnCallLayer>> LAYERS = new TypeReference<>() { };
    private static final String SELECT_SCHEDULE =
            "SELECT id, team_id, name, time_zone, created_at, updated_at FROM oncall_schedule";

    private record ScheduleRow(long id, long teamId, String name, String timeZone, Timestamp createdAt,
                               Timestamp updatedAt) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    OnCallScheduleRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long nextScheduleId() {
        return jdbc.sql("SELECT nextval('oncall_schedule_id_seq')").query(Long.class).single();
    }

    long nextOverrideId() {
        return jdbc.sql("SELECT nextval('oncall_override_id_seq')").query(Long.class).single();
    }

    void insert(OnCallScheduleCreatedEvent event, long revision) {
        jdbc.sql("INSERT INTO oncall_schedule (id, team_id, name, time_zone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(event.scheduleId(), event.teamId(), event.name(), event.timeZone(),
                        Timestamp.from(event.changedAt()), Timestamp.from(event.changedAt()))
                .update();
        addLayerSet(event.scheduleId(), revision, event.changedAt(), event.layers());
    }

    void addLayerSet(long scheduleId, long revision, Instant from, List<OnCallLayer> layers) {
        jdbc.sql("INSERT INTO oncall_layer_set (schedule_id, revision, effective_from, layers) VALUES (?, ?, ?, ?)")
                .params(scheduleId, revision, Timestamp.from(from), write(layers))
                .update();
        touch(scheduleId, from);
    }

    void addOverride(OnCallOverrideAddedEvent event) {
        jdbc.sql("""
                        INSERT INTO oncall_override (id, schedule_id, user_id, starts_at, ends_at, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(event.overrideId(), event.scheduleId(), event.userId(), Timestamp.from(event.startsAt()),
                        Timestamp.from(event.endsAt()), Timestamp.from(event.changedAt()))
                .update();
        touch(event.scheduleId(), event.changedAt());
    }

    void removeOverride(long scheduleId, long overrideId, Instant at) {
        jdbc.sql("UPDATE oncall_override SET removed_at = ? WHERE id = ? AND schedule_id = ?")
                .params(Timestamp.from(at), overrideId, scheduleId)
                .update();
        touch(scheduleId, at);
    }

    private void touch(long scheduleId, Instant at) {
        jdbc.sql("UPDATE oncall_schedule SET updated_at = ? WHERE id = ?").params(Timestamp.from(at), scheduleId).update();
    }

    /** The team that owns the schedule; empty for an unknown schedule. */
    public Optional<Long> teamOf(long scheduleId) {
        return jdbc.sql("SELECT team_id FROM oncall_schedule WHERE id = ?").param(scheduleId).query(Long.class).optional();
    }

    /**
     * What the resolver needs to answer for {@code at}: the zone, every set of layers, and the
     * overrides that still count at or after {@code at}.
     */
    Optional<OnCallTimeline> timeline(long scheduleId, Instant at) {
        return jdbc.sql("SELECT time_zone FROM oncall_schedule WHERE id = ?").param(scheduleId)
                .query(String.class).optional()
                .map(zone -> new OnCallTimeline(ZoneId.of(zone), layerSets(scheduleId), jdbc.sql("""
                                SELECT id, user_id, starts_at, ends_at, created_at, removed_at FROM oncall_override
                                WHERE schedule_id = ? AND ends_at > ? AND (removed_at IS NULL OR removed_at > ?)
                                ORDER BY created_at, id""")
                        .params(scheduleId, Timestamp.from(at), Timestamp.from(at))
                        .query((rs, row) -> OverrideWindow.of(rs.getLong("id"), rs.getLong("user_id"),
                                instant(rs, "starts_at"), instant(rs, "ends_at"), instant(rs, "created_at"),
                                instant(rs, "removed_at")))
                        .list()));
    }

    Optional<OnCallScheduleView> find(long scheduleId, Instant now) {
        return jdbc.sql(SELECT_SCHEDULE + " WHERE id = ?").param(scheduleId)
                .query(ScheduleRow.class).optional()
                .map(row -> view(row, now));
    }

    /** The schedules of these teams, or of every team when {@code teamIds} is {@code null}. */
    List<OnCallScheduleView> findAll(Set<Long> teamIds, Instant now) {
        if (teamIds != null && teamIds.isEmpty()) {
            return List.of();
        }
        JdbcClient.StatementSpec statement = teamIds == null
                ? jdbc.sql(SELECT_SCHEDULE + " ORDER BY id")
                : jdbc.sql(SELECT_SCHEDULE + " WHERE team_id IN (:teams) ORDER BY id").param("teams", teamIds);
        return statement.query(ScheduleRow.class).list().stream().map(row -> view(row, now)).toList();
    }

    Optional<OverrideView> findOverride(long scheduleId, long overrideId) {
        return jdbc.sql("""
                        SELECT id, schedule_id, user_id, starts_at, ends_at, created_at, removed_at
                        FROM oncall_override WHERE id = ? AND schedule_id = ?""")
                .params(overrideId, scheduleId)
                .query(OnCallScheduleRepository::overrideView)
                .optional();
    }

    private OnCallScheduleView view(ScheduleRow row, Instant now) {
        List<LayerSet> sets = layerSets(row.id());
        List<OverrideView> overrides = jdbc.sql("""
                        SELECT id, schedule_id, user_id, starts_at, ends_at, created_at, removed_at FROM oncall_override
                        WHERE schedule_id = ? AND ends_at > ? AND removed_at IS NULL ORDER BY starts_at, id""")
                .params(row.id(), Timestamp.from(now))
                .query(OnCallScheduleRepository::overrideView)
                .list();
        return new OnCallScheduleView(row.id(), row.teamId(), row.name(), row.timeZone(),
                sets.get(sets.size() - 1).layers(), overrides, row.createdAt().toInstant(), row.updatedAt().toInstant());
    }

    private List<LayerSet> layerSets(long scheduleId) {
        return jdbc.sql("SELECT effective_from, layers FROM oncall_layer_set WHERE schedule_id = ? ORDER BY revision")
                .param(scheduleId)
                .query((rs, row) -> new LayerSet(instant(rs, "effective_from"), read(rs.getString("layers"))))
                .list();
    }

    private static OverrideView overrideView(ResultSet rs, int row) throws SQLException {
        return new OverrideView(rs.getLong("id"), rs.getLong("schedule_id"), rs.getLong("user_id"),
                instant(rs, "starts_at"), instant(rs, "ends_at"), instant(rs, "created_at"), instant(rs, "removed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private String write(List<OnCallLayer> layers) {
        try {
            return json.writeValueAsString(layers);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot store layers " + layers + " as JSON", e);
        }
    }

    private List<OnCallLayer> read(String layers) {
        try {
            return json.readValue(layers, LAYERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("oncall_layer_set holds JSON that does not parse: " + layers, e);
        }
    }
}
