package com.sizemotion.incidents.query.incident;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The state of the incident read model's rebuild, in the database so that every node sees it
 * ({@code projection_rebuild}): at most one rebuild runs at a time across the nodes.
 */
@Repository
class IncidentViewRebuildState {

    static final String PROJECTION = IncidentProjection.PROCESSING_GROUP;

    /** A running rebuild reports progress after every batch; one silent this long died with its node. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private final JdbcClient jdbc;

    IncidentViewRebuildState(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether a rebuild is running on some node; an abandoned one does not block the next rebuild. */
    boolean isRunning(Instant now) {
        return jdbc.sql("SELECT count(*) FROM projection_rebuild WHERE projection = ? AND status = 'running' AND heartbeat_at > ?")
                .params(PROJECTION, Timestamp.from(now.minus(ABANDONED_AFTER))).query(Long.class).single() > 0;
    }

    Optional<ProjectionRebuild> last() {
        return jdbc.sql("SELECT status, started_at, finished_at, replayed_events, dead_lettered_events, error"
                        + " FROM projection_rebuild WHERE projection = ?")
                .param(PROJECTION)
                .query((rs, row) -> new ProjectionRebuild(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getLong(4), rs.getLong(5),
                        rs.getString(6)))
                .optional();
    }

    /** Marks a rebuild as running, unless one already is. */
    boolean start(Instant at) {
        if (isRunning(at)) {
            return false;
        }
        jdbc.sql("DELETE FROM projection_rebuild WHERE projection = ?").param(PROJECTION).update();
        jdbc.sql("INSERT INTO projection_rebuild (projection, status, started_at, heartbeat_at, replayed_events)"
                        + " VALUES (?, 'running', ?, ?, 0)")
                .params(PROJECTION, Timestamp.from(at), Timestamp.from(at)).update();
        return true;
    }

    void progress(long replayedEvents, long deadLetteredEvents, Instant at) {
        jdbc.sql("UPDATE projection_rebuild SET replayed_events = ?, dead_lettered_events = ?, heartbeat_at = ? WHERE projection = ?")
                .params(replayedEvents, deadLetteredEvents, Timestamp.from(at), PROJECTION).update();
    }

    void finish(String status, Instant at, long replayedEvents, long deadLetteredEvents, String error) {
        jdbc.sql("UPDATE projection_rebuild SET status = ?, finished_at = ?, replayed_events = ?, dead_lettered_events = ?,"
                        + " error = ? WHERE projection = ?")
                .params(status, Timestamp.from(at), replayedEvents, deadLetteredEvents, error, PROJECTION).update();
    }
}
