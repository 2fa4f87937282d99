package com.sizemotion.incidents.command.incident;

/** Hands out the public, numeric incident ids. Injected into the {@link Incident} command handler. */
@FunctionalInterface
public interface IncidentIdSequence {

    long next();
}
