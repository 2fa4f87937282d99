package com.sizemotion.incidents.query.incident;

import com.sizemotion.incidents.api.access.Actor;
import com.sizemotion.incidents.api.incident.IncidentAcknowledgedEvent;
import com.sizemotion.incidents.api.incident.IncidentCreatedEvent;
import com.sizemotion.incidents.api.incident.IncidentStatus;
import com.sizemotion.incidents.api.incident.Severity;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code as_of} reads an incident's events as of an instant. The instants it compares are the ones
 * the incident shows (its {@code created_at}, {@code acknowledged_at}, ...), which the command
 * took before the event store stamped the event: under load the stamp is later, even in the next
 * second.
 */
class IncidentHistoryTest {

    private static final String KEY = "incident-key-1";
    private static final Actor ACTOR = Actor.admin("admin");
    private static final Instant CREATED_AT = Instant.parse("2026-11-20T03:12:00.999Z");
    private static final Instant ACKNOWLEDGED_AT = Instant.parse("2026-11-20T03:14:00.400Z");

    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final IncidentHistory history = new IncidentHistory(eventStore);

    @AfterEach
    void shutDown() {
        eventStore.shutDown();
    }

    @Test
    void findsTheIncidentAtItsOwnCreatedAtWhenTheEventWasStampedInTheNextSecond() {
        append(0, created(), CREATED_AT.plusMillis(3));

        assertThat(history.asOf(KEY, CREATED_AT)).hasValueSatisfying(state ->
                assertThat(state.createdAt()).isEqualTo(CREATED_AT));
        assertThat(history.asOf(KEY, Instant.parse("2026-11-20T03:12:00Z"))).isPresent();
    }

    @Test
    void showsAChangeAtTheTimeTheIncidentShowsForItEvenWhenTheEventWasStampedLater() {
        append(0, created(), CREATED_AT);
        append(1, new IncidentAcknowledgedEvent(KEY, 1, null, ACKNOWLEDGED_AT, ACTOR), ACKNOWLEDGED_AT.plusSeconds(2));

        assertThat(history.asOf(KEY, ACKNOWLEDGED_AT).map(IncidentState::status)).contains(IncidentStatus.ACKNOWLEDGED);
        assertThat(history.asOf(KEY, ACKNOWLEDGED_AT.minusNanos(1000)).map(IncidentState::status)).contains(IncidentStatus.OPEN);
    }

    @Test
    void hasNoIncidentBeforeItsCreation() {
        append(0, created(), CREATED_AT);

        assertThat(history.asOf(KEY, CREATED_AT.minusMillis(1))).isEmpty();
    }

    private void append(long sequence, Object payload, Instant stampedAt) {
        eventStore.publish(new GenericDomainEventMessage<>("Incident", KEY, sequence, payload, MetaData.emptyInstance(),
                UUID.randomUUID().toString(), stampedAt));
    }

    private static IncidentCreatedEvent created() {
        return new IncidentCreatedEvent(KEY, 1, 7, "Database down", Severity.ofLevel(2), null, null, null, Map.of(),
                List.of(), false, null, IncidentStatus.OPEN, null, CREATED_AT, ACTOR);
    }
}
