package com.sizemotion.incidents.app.config;

import com.sizemotion.incidents.query.projection.DeadLetters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.stereotype.Component;

/**
 * {@code incidents.projection.dead_letters{processor=…}}: how many events each processor that
 * keeps dead letters could not apply, counted in the shared table (all nodes) when read. An admin
 * reads it at {@code /actuator/metrics/incidents.projection.dead_letters}.
 */
@Component
class DeadLetterMetrics implements MeterBinder {

    static final String NAME = "incidents.projection.dead_letters";

    private final EventProcessorProperties processors;
    private final DeadLetters deadLetters;

    DeadLetterMetrics(EventProcessorProperties processors, DeadLetters deadLetters) {
        this.processors = processors;
        this.deadLetters = deadLetters;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        processors.getProcessors().forEach((name, settings) -> {
            if (settings.getDlq().isEnabled()) {
                Gauge.builder(NAME, deadLetters, letters -> letters.count(name).orElse(0L))
                        .tag("processor", name)
                        .description("Events the processor could not apply, parked in its dead-letter queue")
                        .register(registry);
            }
        });
    }
}
