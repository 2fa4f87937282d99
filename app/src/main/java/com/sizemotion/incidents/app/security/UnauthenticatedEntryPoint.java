package com.sizemotion.incidents.app.security;

import com.sizemotion.incidents.app.web.ApiErrorWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.io.IOException;

/** The API document's 401: {@code {"success":false,"message":"Unauthenticated"}} with a challenge header. */
class UnauthenticatedEntryPoint implements AuthenticationEntryPoint {

    static final String MESSAGE = "Unauthenticated";

    private final ApiErrorWriter errors;
    private final String challenge;

    UnauthenticatedEntryPoint(ApiErrorWriter errors, String challenge) {
        this.errors = errors;
        this.challenge = challenge;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        errors.write(response, HttpServletResponse.SC_UNAUTHORIZED, MESSAGE);
    }
}
