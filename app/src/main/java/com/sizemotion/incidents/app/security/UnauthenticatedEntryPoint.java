package com.sizemotion.incidents.app.security;

import com.sizemotion.incidents.app.web.ApiErrorWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.io.IOException;

/**
 * The API document's 401: {@code {"success":false,"message":"Unauthenticated"}} with a challenge
 * header. Wrong credentials (not missing ones) count against the client's address.
 */
class UnauthenticatedEntryPoint implements AuthenticationEntryPoint {

    static final String MESSAGE = "Unauthenticated";

    private final ApiErrorWriter errors;
    private final FailedAuthentications failures;
    private final String challenge;

    UnauthenticatedEntryPoint(ApiErrorWriter errors, FailedAuthentications failures, String challenge) {
        this.errors = errors;
        this.failures = failures;
        this.challenge = challenge;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof BadCredentialsException) {
            failures.record(request.getRemoteAddr());
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        errors.write(response, HttpServletResponse.SC_UNAUTHORIZED, MESSAGE);
    }
}
