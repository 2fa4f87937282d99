package com.sizemotion.incidents.app.security;

import com.sizemotion.incidents.app.ratelimit.RateLimitFilter;
import com.sizemotion.incidents.app.ratelimit.RateLimiter;
import com.sizemotion.incidents.app.token.ApiTokens;
import com.sizemotion.incidents.app.web.ApiErrorWriter;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may call what:
 * <ul>
 *   <li>{@code /api/v1/admin/**}: the admin, with HTTP Basic;</li>
 *   <li>the rest of {@code /api/**}: an API token ({@code Authorization: Bearer}) or the admin,
 *       with each token request charged to its rate limit;</li>
 *   <li>health and error pages: anyone.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String BASIC_CHALLENGE = "Basic realm=\"incident-service\"";
    private static final String BEARER_CHALLENGE = "Bearer realm=\"incident-service\"";

    @Bean
    @Order(1)
    SecurityFilterChain adminApi(HttpSecurity http, AdminAccount admin, ApiErrorWriter errors) throws Exception {
        UnauthenticatedEntryPoint unauthenticated = new UnauthenticatedEntryPoint(errors, BASIC_CHALLENGE);
        return stateless(http.securityMatcher("/api/v1/admin/**"), admin, errors, unauthenticated)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("ADMIN"))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, AdminAccount admin, ApiTokens tokens, RateLimiter rateLimiter,
                            ApiErrorWriter errors) throws Exception {
        UnauthenticatedEntryPoint unauthenticated = new UnauthenticatedEntryPoint(errors, BEARER_CHALLENGE);
        return stateless(http.securityMatcher("/api/**"), admin, errors, unauthenticated)
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, unauthenticated), BasicAuthenticationFilter.class)
                .addFilterAfter(new RateLimitFilter(rateLimiter, errors), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain everythingElse(HttpSecurity http, AdminAccount admin, ApiErrorWriter errors) throws Exception {
        UnauthenticatedEntryPoint unauthenticated = new UnauthenticatedEntryPoint(errors, BASIC_CHALLENGE);
        return stateless(http, admin, errors, unauthenticated)
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error",
                                "/openapi.yaml").permitAll()
                        .anyRequest().hasRole("ADMIN"))
                .build();
    }

    private static HttpSecurity stateless(HttpSecurity http, AdminAccount admin, ApiErrorWriter errors,
                                          UnauthenticatedEntryPoint unauthenticated) throws Exception {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(admin.users());
        provider.setPasswordEncoder(admin.encoder());
        AccessDeniedHandler forbidden = (request, response, e) ->
                errors.write(response, 403, "Forbidden: these credentials may not use this endpoint.");
        return http
                .authenticationManager(new ProviderManager(provider))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden));
    }
}
