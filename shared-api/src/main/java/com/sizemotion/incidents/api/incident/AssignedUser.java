package com.sizemotion.incidents.api.incident;

/** The user an incident is assigned to, as clients see it. */
public record AssignedUser(long id, String name, String email) {
}
