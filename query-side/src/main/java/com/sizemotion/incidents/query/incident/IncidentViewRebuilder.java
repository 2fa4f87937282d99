package com.sizemotion.incidents.query.incident;

import com.sizemotion.incidents.api.incident.IncidentEvent;
import com.sizemotion.incidents.query.support.DatabaseKind;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.stream.BlockingStream;
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
 * by replaying every event while readers and the live projection keep using the live table. Once
 * the replay has caught up, both tables are locked (live writers wait), the replay takes the last
 * events, and the tables are swapped in that one transaction. The live projection then goes on in
 * the rebuilt table, where its writes are idempotent for the events the replay already applied.
 */
@Component
public class IncidentViewRebuilder {

    private static final Logger log = LoggerFactory.getLogger(IncidentViewRebuilder.class);
    private static final int BATCH = 500;

    private final EventStore eventStore;
    private final IncidentViewWriter writer;
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

    IncidentViewRebuilder(EventStore eventStore, IncidentViewWriter writer, IncidentViewRebuildState state,
                          JdbcClient jdbc, TransactionTemplate transactions, DatabaseKind database, Clock clock) {
        this.eventStore = eventStore;
        this.writer = writer;
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
        long replayed = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            long batchResult;
            do {
                long before = replayed;
                batchResult = transactions.execute(tx -> replayAvailable(stream, BATCH));
                replayed = before + batchResult;
                state.progress(replayed, clock.instant());
            } while (batchResult == BATCH);
            long total = replayed;
            long drained = transactions.execute(tx -> {
                if (database.isPostgres()) {
                    // both tables at once, before touching either: live writers wait, none can hold one and want the other
                    jdbc.sql("LOCK TABLE " + IncidentViewRepository.LIVE_TABLE + ", " + IncidentViewRepository.REBUILD_TABLE
                            + " IN ACCESS EXCLUSIVE MODE").update();
                }
                long rest = replayAvailable(stream, Long.MAX_VALUE);
                jdbc.sql("ALTER TABLE " + IncidentViewRepository.LIVE_TABLE + " RENAME TO incident_view_retired").update();
                jdbc.sql("ALTER TABLE " + IncidentViewRepository.REBUILD_TABLE + " RENAME TO " + IncidentViewRepository.LIVE_TABLE).update();
                jdbc.sql("DROP TABLE incident_view_retired").update();
                state.finish("done", clock.instant(), total + rest, null);
                return rest;
            });
            log.info("Rebuilt the incident read model from {} events", total + drained);
        } catch (RuntimeException e) {
            log.error("Rebuilding the incident read model failed; the live read model is untouched", e);
            long total = replayed;
            transactions.executeWithoutResult(tx -> {
                jdbc.sql("DROP TABLE IF EXISTS " + IncidentViewRepository.REBUILD_TABLE).update();
                state.finish("failed", clock.instant(), total, e.getMessage());
            });
        }
    }

    private long replayAvailable(BlockingStream<TrackedEventMessage<?>> stream, long limit) {
        long count = 0;
        while (count < limit && stream.hasNextAvailable()) {
            TrackedEventMessage<?> message = nextOf(stream);
            if (message instanceof DomainEventMessage<?> domainEvent && domainEvent.getPayload() instanceof IncidentEvent event) {
                writer.applyInOrder(IncidentViewRepository.REBUILD_TABLE, event, domainEvent.getSequenceNumber());
            }
            count++;
        }
        return count;
    }

    private static TrackedEventMessage<?> nextOf(BlockingStream<TrackedEventMessage<?>> stream) {
        try {
            return stream.nextAvailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while replaying events", e);
        }
    }

}
