package com.sizemotion.incidents.query.incident;

import com.sizemotion.incidents.query.support.DatabaseKind;
import com.sizemotion.incidents.query.support.FailureIsolation;
import com.sizemotion.incidents.query.support.ProjectionFailure;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Rebuilds the incident read model from the event store without downtime: a fresh table is filled
 * by replaying every event ({@link IncidentViewReplay}) while readers and the live projection keep
 * using the live table. Once the replay has caught up, both tables are locked (live writers wait),
 * the replay reads the last events from the event table, and the tables are swapped in that one
 * transaction. The live projection then goes on in the rebuilt table, where its writes are
 * idempotent for the events the replay already applied, and applies the events of transactions
 * still open at the swap when they commit. Events the replay cannot apply are dead-lettered.
 */
@Component
public class IncidentViewRebuilder {

    private static final Logger log = LoggerFactory.getLogger(IncidentViewRebuilder.class);
    private static final int BATCH = 500;

    private final EventStorageEngine events;
    private final IncidentViewWriter writer;
    private final FailureIsolation isolation;
    private final EventProcessingConfiguration processing;
    private final IncidentViewRebuildState state;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final DatabaseKind database;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "incident-view-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    IncidentViewRebuilder(EventStorageEngine events, IncidentViewWriter writer, FailureIsolation isolation,
                          EventProcessingConfiguration processing, IncidentViewRebuildState state,
                          JdbcClient jdbc, TransactionTemplate transactions, DatabaseKind database, Clock clock) {
        this.events = events;
        this.writer = writer;
        this.isolation = isolation;
        this.processing = processing;
        this.state = state;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.database = database;
        this.clock = clock;
    }

    public String projectionName() {
        return IncidentViewRebuildState.PROJECTION;
    }

    /** The running or last rebuild, if any. */
    public Optional<ProjectionRebuild> lastRebuild() {
        return state.last();
    }

    /** Starts a rebuild in the background; {@code false} when one is running already. */
    public boolean start() {
        Boolean started = transactions.execute(tx -> {
            if (state.isRunning(clock.instant())) {
                return false;
            }
            jdbc.sql("DROP TABLE IF EXISTS " + IncidentViewRepository.REBUILD_TABLE).update();
            jdbc.sql(database.isPostgres()
                    ? "CREATE TABLE " + IncidentViewRepository.REBUILD_TABLE + " (LIKE " + IncidentViewRepository.LIVE_TABLE + " INCLUDING ALL)"
                    : "CREATE TABLE " + IncidentViewRepository.REBUILD_TABLE + " AS SELECT * FROM " + IncidentViewRepository.LIVE_TABLE + " WHERE 1 = 0")
                    .update();
            return state.start(clock.instant());
        });
        if (Boolean.TRUE.equals(started)) {
            executor.submit(this::replayAndSwitch);
        }
        return Boolean.TRUE.equals(started);
    }

    private void replayAndSwitch() {
        IncidentViewReplay replay = new IncidentViewReplay(events, writer, isolation,
                processing.deadLetterQueue(IncidentProjection.PROCESSING_GROUP).orElseThrow(
                        () -> new IllegalStateException("The incident projection keeps no dead letters")),
                processing.sequencingPolicy(IncidentProjection.PROCESSING_GROUP), IncidentViewRepository.REBUILD_TABLE);
        try {
            int read;
            do {
                read = transactions.execute(tx -> replay.next(BATCH));
                state.progress(replay.replayed(), replay.deadLettered(), clock.instant());
            } while (read == BATCH);
            transactions.executeWithoutResult(tx -> {
                if (database.isPostgres()) {
                    // both tables at once, before touching either: live writers wait, none can hold one and want the other
                    jdbc.sql("LOCK TABLE " + IncidentViewRepository.LIVE_TABLE + ", " + IncidentViewRepository.REBUILD_TABLE
                            + " IN ACCESS EXCLUSIVE MODE").update();
                }
                // Everything the live projection has applied was committed before the lock, on whichever node,
                // so this read of the event table finds it: the rebuilt table misses nothing the live one has.
                while (replay.next(BATCH) > 0) {
                    state.progress(replay.replayed(), replay.deadLettered(), clock.instant());
                }
                jdbc.sql("ALTER TABLE " + IncidentViewRepository.LIVE_TABLE + " RENAME TO incident_view_retired").update();
                jdbc.sql("ALTER TABLE " + IncidentViewRepository.REBUILD_TABLE + " RENAME TO " + IncidentViewRepository.LIVE_TABLE).update();
                jdbc.sql("DROP TABLE incident_view_retired").update();
                state.finish("done", clock.instant(), replay.replayed(), replay.deadLettered(), null);
            });
            log.info("Rebuilt the incident read model from {} events, {} of them dead-lettered", replay.replayed(),
                    replay.deadLettered());
        } catch (RuntimeException e) {
            log.error("Rebuilding the incident read model failed; the live read model is untouched", e);
            transactions.executeWithoutResult(tx -> {
                jdbc.sql("DROP TABLE IF EXISTS " + IncidentViewRepository.REBUILD_TABLE).update();
                state.finish("failed", clock.instant(), replay.replayed(), replay.deadLettered(), ProjectionFailure.of(e).summary());
            });
        }
    }
}
