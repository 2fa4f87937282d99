package com.sizemotion.incidents.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Duration;

/** Writes {@link ApiError} answers from servlet filters, where no controller advice reaches. */
@Component
public class ApiErrorWriter {

    private static final String TOO_MANY_REQUESTS = "Too many requests. Rate limit exceeded.";

    private final ObjectMapper objectMapper;

    ApiErrorWriter(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public void write(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), ApiError.of(message));
    }

    /**
     * The API document's 429, with {@code Retry-After} in whole seconds, rounded up and at least
     * one (a client told to wait 0 s would retry at once).
     */
    public void tooManyRequests(HttpServletResponse response, Duration retryAfter) throws IOException {
        long seconds = Math.max(1, retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0));
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        write(response, 429, TOO_MANY_REQUESTS);
    }
}
