package com.sizemotion.incidents.app.config;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * A failing event handler must never be skipped silently (Axon's default logs and moves on): the
 * error propagates, the subscribing lookup rolls back the command, and streaming processors retry
 * the batch with back-off until the database answers again.
 */
@Configuration(proxyBeanMethods = false)
class EventProcessingConfiguration {

    @Autowired
    void propagateHandlerErrors(EventProcessingConfigurer configurer) {
        configurer.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}
