package com.sizemotion.incidents.app.security;

import com.sizemotion.incidents.app.ratelimit.RateLimitFilter;
import com.sizemotion.incidents.app.ratelimit.RateLimiter;
import com.sizemotion.incidents.app.token.ApiTokens;
import com.sizemotion.incidents.app.web.ApiErrorWriter;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what:
 * <ul>
 *   <li>{@code /api/v1/admin/**}: the admin, with HTTP Basic;</li>
 *   <li>the rest of {@code /api/**}: an API token ({@code Authorization: Bearer}) or the admin,
 *       with each token request charged to its rate limit;</li>
 *   <li>{@code /admin/**}, the Admin Settings pages: the admin, signed in through the form at
 *       {@code /admin/login}, with a session and CSRF protection;</li>
 *   <li>health and error pages: anyone.</li>
 * </ul>
 * The API chains are stateless and need no CSRF protection, as browsers never send their
 * credentials on their own. Every chain refuses an address that keeps failing to authenticate.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String BASIC_CHALLENGE = "Basic realm=\"incident-service\"";
    private static final String BEARER_CHALLENGE = "Bearer realm=\"incident-service\"";
    private static final String LOGIN_PAGE = "/admin/login";
    private static final RequestMatcher AUTHORIZATION_HEADER = request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null;

    @Bean
    @Order(1)
    SecurityFilterChain adminApi(HttpSecurity http, AdminAccount admin, FailedAuthentications failures,
                                 ApiErrorWriter errors) throws Exception {
        UnauthenticatedEntryPoint unauthenticated = new UnauthenticatedEntryPoint(errors, failures, BASIC_CHALLENGE);
        return stateless(http.securityMatcher("/api/v1/admin/**"), admin, failures, errors, unauthenticated, AUTHORIZATION_HEADER)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("ADMIN"))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, AdminAccount admin, ApiTokens tokens, RateLimiter rateLimiter,
                            FailedAuthentications failures, ApiErrorWriter errors) throws Exception {
        UnauthenticatedEntryPoint unauthenticated = new UnauthenticatedEntryPoint(errors, failures, BEARER_CHALLENGE);
        // A token this node has seen to be valid passes an address's lock-out: many clients may share
        // an address (a NAT, a vendor's webhook senders), and one of them failing must not stop the rest.
        RequestMatcher unrecognisedCredentials = request -> AUTHORIZATION_HEADER.matches(request)
                && !ApiTokenAuthenticationFilter.bearerToken(request).filter(tokens::recognises).isPresent();
        return stateless(http.securityMatcher("/api/**"), admin, failures, errors, unauthenticated, unrecognisedCredentials)
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, unauthenticated), BasicAuthenticationFilter.class)
                .addFilterAfter(new RateLimitFilter(rateLimiter, errors), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain adminPages(HttpSecurity http, AdminAccount admin, FailedAuthentications failures,
                                   ApiErrorWriter errors) throws Exception {
        AuthenticationFailureHandler wrongPassword = (request, response, e) -> {
            failures.record(request.getRemoteAddr());
            response.sendRedirect(request.getContextPath() + LOGIN_PAGE + "?error");
        };
        RequestMatcher signIn = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, LOGIN_PAGE);
        return http.securityMatcher("/admin", "/admin/**", "/incidents/**")
                .authenticationManager(admin.authenticationManager())
                .addFilterBefore(new FailedAuthenticationThrottle(failures, errors, signIn),
                        UsernamePasswordAuthenticationFilter.class)
                .formLogin(form -> form.loginPage(LOGIN_PAGE).defaultSuccessUrl("/admin/api-tokens")
                        .failureHandler(wrongPassword))
                .logout(logout -> logout.logoutUrl("/admin/logout").logoutSuccessUrl(LOGIN_PAGE + "?logout"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(LOGIN_PAGE, "/admin/assets/**").permitAll()
                        .anyRequest().hasRole("ADMIN"))
                .build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain everythingElse(HttpSecurity http, AdminAccount admin, FailedAuthentications failures,
                                       ApiErrorWriter errors) throws Exception {
        UnauthenticatedEntryPoint unauthenticated = new UnauthenticatedEntryPoint(errors, failures, BASIC_CHALLENGE);
        return stateless(http, admin, failures, errors, unauthenticated, AUTHORIZATION_HEADER)
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error",
                                "/openapi.yaml", "/favicon.ico").permitAll()
                        .anyRequest().hasRole("ADMIN"))
                .build();
    }

    /** @param throttled the requests an address that keeps failing to authenticate is refused */
    private static HttpSecurity stateless(HttpSecurity http, AdminAccount admin, FailedAuthentications failures,
                                          ApiErrorWriter errors, UnauthenticatedEntryPoint unauthenticated,
                                          RequestMatcher throttled)
            throws Exception {
        AccessDeniedHandler forbidden = (request, response, e) ->
                errors.write(response, 403, "Forbidden: these credentials may not use this endpoint.");
        return http
                .authenticationManager(admin.authenticationManager())
                .addFilterBefore(new FailedAuthenticationThrottle(failures, errors, throttled),
                        UsernamePasswordAuthenticationFilter.class)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden));
    }
}
