package com.sizemotion.incidents.app.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The text checks of request parameters; request bodies are checked by {@link JsonBodyAdvice}. */
@Configuration(proxyBeanMethods = false)
class RequestTextConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new RequestParameterText());
    }
}
