package com.sizemotion.incidents.app.security;

import com.sizemotion.incidents.app.token.ApiTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Authenticates {@code Authorization: Bearer <token>}. An unknown, revoked, expired or malformed
 * token is answered with 401 at once; a request without a Bearer header passes on unauthenticated.
 */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "bearer ";

    private final ApiTokens tokens;
    private final UnauthenticatedEntryPoint unauthenticated;

    ApiTokenAuthenticationFilter(ApiTokens tokens, UnauthenticatedEntryPoint unauthenticated) {
        this.tokens = tokens;
        this.unauthenticated = unauthenticated;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> presented = bearerToken(request);
        if (presented.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        var token = tokens.authenticate(presented.get());
        if (token.isEmpty()) {
            unauthenticated.commence(request, response, new BadCredentialsException("Not a usable API token"));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiTokenAuthentication(token.get()));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }

    /** The text after "Bearer " in the Authorization header, if the request has one. */
    static Optional<String> bearerToken(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(BEARER.length()).trim());
    }
}
