package com.sizemotion.incidents.app.security;

import com.sizemotion.incidents.app.token.PagerDutySigningSecrets;
import com.sizemotion.incidents.app.web.ApiErrorWriter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link PagerDutySignatureFilter} on the PagerDuty endpoint, right after Spring Security's filters. */
@Configuration(proxyBeanMethods = false)
class PagerDutySignatureConfiguration {

    static final String PAGERDUTY_PATH = "/api/v1/integrations/pagerduty";

    @Bean
    FilterRegistrationBean<PagerDutySignatureFilter> pagerDutySignatureFilter(PagerDutySigningSecrets secrets,
                                                                              ApiErrorWriter errors) {
        FilterRegistrationBean<PagerDutySignatureFilter> registration =
                new FilterRegistrationBean<>(new PagerDutySignatureFilter(secrets, errors));
        registration.addUrlPatterns(PAGERDUTY_PATH);
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }
}
