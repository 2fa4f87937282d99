package com.sizemotion.incidents.app.config;

import com.sizemotion.incidents.query.projection.DeadLetterPolicy;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A failing event handler must never be skipped silently (Axon's default logs and moves on): the
 * error propagates, the subscribing lookup rolls back the command, and streaming processors retry
 * the batch with back-off until the database answers again.
 * <p>
 * A processing group with {@code axon.eventhandling.processors.<name>.dlq.enabled=true} (the read
 * models) also keeps a dead-letter queue in {@code dead_letter_entry}: an event that fails for a
 * reason of its own is parked there with the later events of its sequence, and the processor goes
 * on with the others ({@link DeadLetterPolicy}).
 */
@Configuration(proxyBeanMethods = false)
class EventProcessingConfiguration {

    /** More dead incidents than this means something systemic: the processor then stops rather than park everything. */
    private static final int MAX_DEAD_SEQUENCES = 10_000;
    /** Events of one incident that can wait behind its dead letter (a flapping alert repeats often). */
    private static final int MAX_DEAD_LETTERS_PER_SEQUENCE = 100_000;

    @Autowired
    void propagateHandlerErrors(EventProcessingConfigurer configurer) {
        configurer.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
        configurer.registerDefaultDeadLetterPolicy(c -> new DeadLetterPolicy());
    }

    @Bean
    DeadLetterQueueProviderConfigurerModule deadLetterQueueProviderConfigurerModule(
            EventProcessorProperties properties, ConnectionProvider connectionProvider, TransactionManager transactionManager,
            DeadLetterSchema schema, Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer) {
        return new DeadLetterQueueProviderConfigurerModule(properties, processingGroup -> c ->
                JdbcSequencedDeadLetterQueue.builder()
                        .processingGroup(processingGroup)
                        .connectionProvider(connectionProvider)
                        .transactionManager(transactionManager)
                        .schema(schema)
                        .genericSerializer(serializer)
                        .eventSerializer(eventSerializer)
                        .maxSequences(MAX_DEAD_SEQUENCES)
                        .maxSequenceSize(MAX_DEAD_LETTERS_PER_SEQUENCE)
                        .build());
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_identifier")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }
}
