package com.sizemotion.incidents.app.config;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CommitNotifyingEventSourceTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final CommitNotifyingEventSource source = new CommitNotifyingEventSource(store);

    @AfterEach
    void close() {
        source.destroy();
        store.shutDown();
    }

    @Test
    void wakesAWaitingProcessorRightAfterACommitInsteadOfAtTheNextRecheck() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            Thread.sleep(CommitNotifyingEventSource.RECHECK_MILLIS / 2);
            CountDownLatch woken = new CountDownLatch(1);
            stream.setOnAvailableCallback(woken::countDown);
            long publishedAt = System.nanoTime();

            store.publish(GenericEventMessage.asEventMessage("alert"));

            assertThat(woken.await(1, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - publishedAt))
                    .isLessThan(Duration.ofMillis(CommitNotifyingEventSource.RECHECK_MILLIS / 2));
        }
    }

    @Test
    void wakesAProcessorAFewTimesForABurstOfCommitsNotFourTimesPerCommit() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            AtomicInteger wakeUps = new AtomicInteger();
            stream.setOnAvailableCallback(wakeUps::incrementAndGet);

            for (int i = 0; i < 1_000; i++) {
                store.publish(GenericEventMessage.asEventMessage("alert " + i));
            }
            Thread.sleep(100);

            assertThat(wakeUps.get()).isBetween(1, 500);
        }
    }
}
