package com.sizemotion.incidents.app.ratelimit;

import com.sizemotion.incidents.app.security.ApiTokenAuthentication;
import com.sizemotion.incidents.app.token.ApiToken;
import com.sizemotion.incidents.app.web.ApiErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Charges every request made with an API token to that token's bucket, after authentication (so a
 * 401 never costs quota). Every such answer carries the X-RateLimit headers; a refused request
 * gets the API document's 429 with Retry-After.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimiter rateLimiter;
    private final ApiErrorWriter errors;

    public RateLimitFilter(RateLimiter rateLimiter, ApiErrorWriter errors) {
        this.rateLimiter = rateLimiter;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof ApiTokenAuthentication tokenAuthentication)) {
            chain.doFilter(request, response);
            return;
        }
        ApiToken token = tokenAuthentication.token();
        RateLimitDecision decision = rateLimiter.tryConsume(token.id(), token.rateLimitPerMinute(), token.limitVersion());
        response.setHeader("X-RateLimit-Limit", Integer.toString(decision.limit()));
        response.setHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()));
        response.setHeader("X-RateLimit-Reset", Long.toString(decision.resetEpochSecond()));
        if (!decision.allowed()) {
            errors.tooManyRequests(response, decision.retryAfter());
            return;
        }
        chain.doFilter(request, response);
    }
}
