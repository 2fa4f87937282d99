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

    /** Any wake-up a test sees comes from a commit, never from the periodic re-check. */
    private static final Duration NO_RECHECK_DURING_A_TEST = Duration.ofMinutes(10);

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final CommitNotifyingEventSource source = new CommitNotifyingEventSource(store, NO_RECHECK_DURING_A_TEST);

    @AfterEach
    void close() {
        source.destroy();
        store.shutDown();
    }

    @Test
    void wakesAWaitingProcessorWhenThisNodeCommits() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            CountDownLatch woken = new CountDownLatch(1);
            stream.setOnAvailableCallback(woken::countDown);

            store.publish(GenericEventMessage.asEventMessage("alert"));

            assertThat(woken.await(5, TimeUnit.SECONDS)).isTrue();
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
