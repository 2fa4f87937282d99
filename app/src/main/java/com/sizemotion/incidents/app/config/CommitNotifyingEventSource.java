package com.sizemotion.incidents.app.config;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.DisposableBean;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The event store as the source of the pooled streaming processors, waking them as soon as this
 * node commits events. Axon's embedded event store gives its streams no availability callback, so
 * a pooled processor would look for new events only every 500 ms and every create would wait that
 * long for its read model. After a commit the store's producer thread first fetches the new events,
 * so the processors are woken a few times within {@code AFTER_COMMIT_MILLIS}. Events committed by
 * other nodes reach the store after its fetch delay; a re-check every {@link #RECHECK} (250 ms in service)
 * passes them on.
 */
class CommitNotifyingEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, DisposableBean {

    static final Duration RECHECK = Duration.ofMillis(250);
    private static final long[] AFTER_COMMIT_MILLIS = {1, 5, 20, 60};

    private final EventStore eventStore;
    private final Set<Runnable> waiting = ConcurrentHashMap.newKeySet();
    /** Per delay of {@link #AFTER_COMMIT_MILLIS}: when the last wake-up scheduled for it is due ({@link System#nanoTime()}). */
    private final AtomicLong[] wakeDue = Stream.generate(() -> new AtomicLong(System.nanoTime())).limit(AFTER_COMMIT_MILLIS.length)
            .toArray(AtomicLong[]::new);
    private final ScheduledExecutorService recheck = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-source-recheck");
        thread.setDaemon(true);
        return thread;
    });

    CommitNotifyingEventSource(EventStore eventStore, Duration recheckEvery) {
        this.eventStore = eventStore;
        eventStore.subscribe(events -> {
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> wakeSoon());
            } else {
                wakeSoon();
            }
        });
        recheck.scheduleWithFixedDelay(this::wakeAll, recheckEvery.toMillis(), recheckEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new NotifyingStream(eventStore.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return eventStore.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return eventStore.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return eventStore.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return eventStore.createTokenSince(duration);
    }

    @Override
    public void destroy() {
        recheck.shutdownNow();
    }

    /**
     * Schedules a wake-up {@code d} ms from now for each delay {@code d}, unless one is already due
     * in the second half of that span: under load a commit arrives every millisecond or so, and
     * a wake-up per commit and delay would cost more CPU than the processing it triggers.
     */
    private void wakeSoon() {
        long now = System.nanoTime();
        for (int i = 0; i < AFTER_COMMIT_MILLIS.length; i++) {
            long delay = TimeUnit.MILLISECONDS.toNanos(AFTER_COMMIT_MILLIS[i]);
            long due = wakeDue[i].get();
            if (due - now >= delay / 2 || !wakeDue[i].compareAndSet(due, now + delay)) {
                continue;
            }
            recheck.schedule(this::wakeAll, delay, TimeUnit.NANOSECONDS);
        }
    }

    private void wakeAll() {
        waiting.forEach(Runnable::run);
    }

    /** The event store's stream, with the availability callback it lacks. */
    private final class NotifyingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private Runnable callback;

        NotifyingStream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable onAvailable) {
            if (callback != null) {
                waiting.remove(callback);
            }
            callback = onAvailable;
            waiting.add(onAvailable);
            return true;
        }

        @Override
        public void close() {
            if (callback != null) {
                waiting.remove(callback);
            }
            delegate.close();
        }
    }
}
