package com.sizemotion.incidents.app.web;

import com.sizemotion.incidents.command.incident.LostRaceRetry;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

/** A write that lost every race to other nodes is a 503 the client may retry, not a 500. */
class ContendedWriteAnswerTest {

    @Test
    void answersAWriteThatLostEveryRaceWith503AndRetryAfterInTheEnvelope() {
        RuntimeException exhausted = catchRuntimeException(() -> LostRaceRetry.INCIDENT_WRITES.run(() -> {
            throw new ConcurrencyException("Another node appended to the incident first");
        }));

        ResponseEntity<ApiError> answer = new ApiExceptionHandler().other(exhausted);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(answer.getBody()).isEqualTo(ApiError.of(
                "Other requests changed this incident at the same moment, so nothing was written; send the request again."));
    }
}
