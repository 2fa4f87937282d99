package com.sizemotion.incidents.app.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The one administrator, {@code admin}, with the password from {@code INCIDENTS_ADMIN_PASSWORD};
 * when that is unset a random password is generated and logged once at start-up.
 */
@Component
class AdminAccount {

    static final String USERNAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final UserDetailsService users;

    AdminAccount(@Value("${incidents.admin.password}") String configuredPassword) {
        String password = configuredPassword;
        if (password == null || password.isBlank()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            log.warn("INCIDENTS_ADMIN_PASSWORD is not set. Generated admin password for this run: {}", password);
        }
        users = new InMemoryUserDetailsManager(User.withUsername(USERNAME)
                .password(encoder.encode(password)).roles("ADMIN").build());
    }

    /** Checks the admin's user name and password, for HTTP Basic and the sign-in form alike. */
    AuthenticationManager authenticationManager() {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        return new ProviderManager(provider);
    }
}
