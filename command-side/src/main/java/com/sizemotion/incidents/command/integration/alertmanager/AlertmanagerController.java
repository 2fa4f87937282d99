package com.sizemotion.incidents.command.integration.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.api.access.Caller;
import com.sizemotion.incidents.api.web.ApiResponse;
import com.sizemotion.incidents.command.integration.AlertActions;
import com.sizemotion.incidents.command.integration.IntegrationOptions;
import com.sizemotion.incidents.command.integration.IntegrationSummary;
import com.sizemotion.incidents.command.web.ToolPayload;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/integrations/alertmanager}: the URL of an Alertmanager {@code webhook_config}. */
@RestController
class AlertmanagerController {

    private final AlertmanagerPayloadMapper mapper;
    private final AlertActions alertActions;

    AlertmanagerController(AlertmanagerPayloadMapper mapper, AlertActions alertActions) {
        this.mapper = mapper;
        this.alertActions = alertActions;
    }

    @PostMapping(path = "/api/v1/integrations/alertmanager", consumes = MediaType.APPLICATION_JSON_VALUE)
    ApiResponse<IntegrationSummary> receive(@RequestBody(required = false) @ToolPayload JsonNode body,
                                            @RequestParam MultiValueMap<String, String> parameters, Caller caller) {
        IntegrationOptions options = IntegrationOptions.parse(parameters);
        return ApiResponse.of(alertActions.handle(AlertmanagerPayloadMapper.SOURCE, mapper.map(body), options, caller));
    }
}
