package com.sizemotion.incidents.app.web;

import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.api.web.StorableText;
import com.sizemotion.incidents.command.web.JsonFields;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Map;

/**
 * Refuses, with 422 naming the parameter, any request whose query or form parameters or path
 * variables hold text PostgreSQL cannot store ({@link StorableText}), so that none of it reaches a
 * query.
 */
class RequestParameterText implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        FieldErrors errors = new FieldErrors();
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = StorableText.clean(parameter.getKey());
            if (!StorableText.isStorable(parameter.getKey())) {
                errors.add(name, StorableText.message("name of the " + JsonFields.label(name) + " parameter"));
            }
            for (String value : parameter.getValue()) {
                if (!StorableText.isStorable(value) && !errors.has(name)) {
                    errors.add(name, StorableText.message(JsonFields.label(name)));
                }
            }
        }
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> {
                if (!StorableText.isStorable(value.toString())) {
                    errors.add(name.toString(), StorableText.message(JsonFields.label(name.toString())));
                }
            });
        }
        errors.throwIfAny();
        return true;
    }
}
