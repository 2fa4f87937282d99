package com.sizemotion.incidents.command.assignment;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The assignment saga's processor starts at the head of the event stream when it first runs: the
 * incidents created before (when {@code oncall_schedule_id} was not yet checked) are not assigned
 * after the fact. Axon applies this default to saga processors only when nothing else configures
 * them, and {@code application.yml} does (pooled, segments, batch size).
 */
@Configuration(proxyBeanMethods = false)
class IncidentAssignmentConfiguration {

    @Autowired
    void startAtHead(EventProcessingConfigurer configurer) {
        configurer.registerPooledStreamingEventProcessorConfiguration(IncidentAssignmentSaga.PROCESSING_GROUP,
                (configuration, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken));
    }
}
