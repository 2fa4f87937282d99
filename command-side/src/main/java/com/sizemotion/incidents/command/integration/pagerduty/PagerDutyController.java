package com.sizemotion.incidents.command.integration.pagerduty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sizemotion.incidents.api.access.Caller;
import com.sizemotion.incidents.api.web.ApiResponse;
import com.sizemotion.incidents.command.integration.AlertActions;
import com.sizemotion.incidents.command.integration.IntegrationOptions;
import com.sizemotion.incidents.command.integration.IntegrationSummary;
import com.sizemotion.incidents.command.integration.WebhookDeliveries;
import com.sizemotion.incidents.command.web.ToolPayload;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code POST /api/v1/integrations/pagerduty}: the URL of a PagerDuty v3 webhook subscription.
 * A redelivery (same {@code X-Webhook-Id}) of a delivery that was handled gets the first answer
 * again and changes nothing. Signatures are checked before this controller, by the app.
 */
@RestController
class PagerDutyController {

    static final String WEBHOOK_ID = "X-Webhook-Id";

    private final PagerDutyPayloadMapper mapper;
    private final AlertActions alertActions;
    private final WebhookDeliveries deliveries;
    private final ObjectMapper objectMapper;
    private final Clock clock;

    PagerDutyController(PagerDutyPayloadMapper mapper, AlertActions alertActions, WebhookDeliveries deliveries,
                        ObjectMapper objectMapper, Clock clock) {
        this.mapper = mapper;
        this.alertActions = alertActions;
        this.deliveries = deliveries;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    @PostMapping(path = "/api/v1/integrations/pagerduty", consumes = MediaType.APPLICATION_JSON_VALUE)
    ApiResponse<JsonNode> receive(@RequestBody(required = false) @ToolPayload JsonNode body,
                                  @RequestParam MultiValueMap<String, String> parameters,
                                  @RequestHeader(name = WEBHOOK_ID, required = false) String webhookId, Caller caller) {
        IntegrationOptions options = IntegrationOptions.parse(parameters);
        AlertActions.CheckedDelivery delivery = alertActions.check(PagerDutyPayloadMapper.SOURCE, mapper.map(body),
                options, caller);
        String deliveryId = webhookId == null || webhookId.isBlank() ? null : webhookId.trim();
        String callerId = caller.actor().type() + ":" + caller.actor().id();
        if (deliveryId != null) {
            Optional<String> earlier = deliveries.answerTo(PagerDutyPayloadMapper.SOURCE, callerId, deliveryId);
            if (earlier.isPresent()) {
                return ApiResponse.of(read(earlier.get()));
            }
        }
        IntegrationSummary summary = alertActions.execute(delivery);
        JsonNode answer = objectMapper.valueToTree(summary);
        if (deliveryId != null) {
            deliveries.record(PagerDutyPayloadMapper.SOURCE, callerId, deliveryId, answer.toString(), clock.instant());
        }
        return ApiResponse.of(answer);
    }

    private JsonNode read(String answer) {
        try {
            return objectMapper.readTree(answer);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
