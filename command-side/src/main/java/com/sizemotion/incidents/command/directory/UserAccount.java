package com.sizemotion.incidents.command.directory;

import com.sizemotion.incidents.api.incident.AssignedUser;

/** A person who can be put on call, as the admin API shows it. */
public record UserAccount(long id, String name, String email) {

    public AssignedUser asAssignee() {
        return new AssignedUser(id, name, email);
    }
}
