package com.sizemotion.incidents.query.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLetterPolicyTest {

    private final DeadLetterPolicy policy = new DeadLetterPolicy();
    private final DeadLetter<EventMessage<?>> letter =
            new GenericDeadLetter<>("incident-1", GenericEventMessage.asEventMessage("created"));

    @Test
    void failureOfTheEventItselfIsDeadLetteredWithADescriptionAndNoRetriesYet() {
        EnqueueDecision<EventMessage<?>> decision = policy.decide(letter,
                new SQLException("ERROR: value too long for type character varying(255)", "22001"));

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.enqueueCause()).get().isInstanceOfSatisfying(Cause.class, cause -> {
            assertThat(cause.type()).isEqualTo("SQLState 22001");
            assertThat(cause.message()).isEqualTo("value too long for type character varying(255)");
        });
        assertThat(DeadLetterPolicy.retriesOf(decision.withDiagnostics(letter))).isZero();
    }

    @Test
    void unreachableDatabaseIsThrownOnSoThatTheBatchIsRetriedAndNothingIsDeadLettered() {
        CannotGetJdbcConnectionException outage = new CannotGetJdbcConnectionException("Connection refused");

        assertThatThrownBy(() -> policy.decide(letter, outage)).isSameAs(outage);
    }
}
