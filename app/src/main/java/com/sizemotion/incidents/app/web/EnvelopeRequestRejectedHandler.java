package com.sizemotion.incidents.app.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Answers a request that Spring Security's firewall refuses (a {@code //} or {@code ;} in the URL,
 * a control character in a header, a method such as TRACE) in the envelope. When the refused
 * request is the error page of an error the container raised (Tomcat answers TRACE 405 and then
 * shows its error page with the same method), the answer keeps that error's status.
 */
@Component
class EnvelopeRequestRejectedHandler implements RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(EnvelopeRequestRejectedHandler.class);

    private final ApiErrorWriter errors;

    EnvelopeRequestRejectedHandler(ApiErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejection)
            throws IOException {
        log.debug("Request refused by the firewall: {}", rejection.getMessage());
        if (request.getDispatcherType() == DispatcherType.ERROR
                && request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status) {
            errors.write(response, status, StatusMessages.of(request, status));
        } else {
            errors.write(response, HttpServletResponse.SC_BAD_REQUEST, "Bad request: " + rejection.getMessage());
        }
    }
}
