package com.sizemotion.incidents.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Answers {@link DatabaseUnavailable}'s 503 when the database cannot be reached from a servlet
 * filter (the API token look-up, the rate limit, the PagerDuty signing secret), where no controller
 * advice reaches: without it the failure would reach the container and become a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private final ApiErrorWriter errors;

    DatabaseUnavailableFilter(ApiErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (response.isCommitted() || !DatabaseUnavailable.isCause(e)) {
                throw e;
            }
            response.resetBuffer();
            DatabaseUnavailable.write(response, errors, e);
        }
    }
}
