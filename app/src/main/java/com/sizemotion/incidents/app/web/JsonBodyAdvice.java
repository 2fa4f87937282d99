package com.sizemotion.incidents.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.command.web.JsonBodyRules;
import com.sizemotion.incidents.command.web.ToolPayload;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import java.lang.reflect.Type;

/**
 * Holds every JSON request body of the API to {@link JsonBodyRules} before its controller sees it,
 * and refuses it with 422 naming each offending field. The payloads of monitoring tools
 * ({@link ToolPayload}) are only held to the depth limit: their text is cleaned where they are read.
 */
@ControllerAdvice
class JsonBodyAdvice extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return JsonNode.class.isAssignableFrom(parameter.getParameterType());
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        JsonNode json = (JsonNode) body;
        FieldErrors errors = new FieldErrors();
        if (parameter.hasParameterAnnotation(ToolPayload.class)) {
            JsonBodyRules.checkDepth(json, errors);
        } else {
            JsonBodyRules.check(json, errors);
        }
        errors.throwIfAny();
        return body;
    }
}
