package com.sizemotion.incidents.command.team;

/** A team as the admin API shows it. */
public record Team(long id, String name) {
}
