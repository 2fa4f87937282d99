package com.sizemotion.incidents.command.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the request body of a webhook that a monitoring tool sends as it is and cannot correct:
 * its text is cleaned where the payload is read ({@code PayloadText}) instead of refused by
 * {@link JsonBodyRules}; only its deduplication keys must be storable as sent. Its depth is
 * limited like any other body's.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ToolPayload {
}
