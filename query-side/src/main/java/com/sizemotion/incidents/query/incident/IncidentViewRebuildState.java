package com.sizemotion.incidents.query.incident;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The state of the incident read model's rebuild, in the database so that the live projection on
 * every node sees it ({@code projection_rebuild}).
 */
@Repository
class IncidentViewRebuildState {

    static final String PROJECTION = IncidentProjection.PROCESSING_GROUP;

    private final JdbcClient jdbc;

    IncidentViewRebuildState(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean isRunning() {
        return jdbc.sql("SELECT count(*) FROM projection_rebuild WHERE projection = ? AND status = 'running'")
                .param(PROJECTION).query(Long.class).single() > 0;
    }

    Optional<ProjectionRebuild> last() {
        return jdbc.sql("SELECT status, started_at, finished_at, replayed_events, error FROM projection_rebuild WHERE projection = ?")
                .param(PROJECTION)
                .query((rs, row) -> new ProjectionRebuild(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getLong(4), rs.getString(5)))
                .optional();
    }

    /** Marks a rebuild as running, unless one already is. */
    boolean start(Instant at) {
        if (isRunning()) {
            return false;
        }
        jdbc.sql("DELETE FROM projection_rebuild WHERE projection = ?").param(PROJECTION).update();
        jdbc.sql("INSERT INTO projection_rebuild (projection, status, started_at, replayed_events) VALUES (?, 'running', ?, 0)")
                .params(PROJECTION, Timestamp.from(at)).update();
        return true;
    }

    void progress(long replayedEvents) {
        jdbc.sql("UPDATE projection_rebuild SET replayed_events = ? WHERE projection = ?").params(replayedEvents, PROJECTION).update();
    }

    void finish(String status, Instant at, long replayedEvents, String error) {
        jdbc.sql("UPDATE projection_rebuild SET status = ?, finished_at = ?, replayed_events = ?, error = ? WHERE projection = ?")
                .params(status, Timestamp.from(at), replayedEvents, error, PROJECTION).update();
    }
}
