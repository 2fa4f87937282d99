package com.sizemotion.incidents.app.security;

import com.sizemotion.incidents.app.web.ApiErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Answers 429 with Retry-After, before any credentials are checked, to a request that presents
 * credentials from an address that has failed to authenticate too often.
 */
class FailedAuthenticationThrottle extends OncePerRequestFilter {

    private final FailedAuthentications failures;
    private final ApiErrorWriter errors;
    private final RequestMatcher presentsCredentials;

    FailedAuthenticationThrottle(FailedAuthentications failures, ApiErrorWriter errors, RequestMatcher presentsCredentials) {
        this.failures = failures;
        this.errors = errors;
        this.presentsCredentials = presentsCredentials;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The address first: a map lookup that finds nothing for almost every request, so the
        // matcher (which may hash a token) runs only for addresses that are locked out.
        Optional<Duration> refusal = failures.refusal(request.getRemoteAddr())
                .filter(locked -> presentsCredentials.matches(request));
        if (refusal.isPresent()) {
            errors.tooManyRequests(response, refusal.get());
            return;
        }
        chain.doFilter(request, response);
    }
}
