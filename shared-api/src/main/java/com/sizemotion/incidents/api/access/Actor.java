package com.sizemotion.incidents.api.access;

/**
 * Who caused a change: an API token (by its id and name), the admin, or the system itself.
 * Recorded on every event so that an incident's history can say who did what.
 */
public record Actor(Type type, String id, String name) {

    public enum Type { TOKEN, ADMIN, SYSTEM }

    public static Actor token(long tokenId, String tokenName) {
        return new Actor(Type.TOKEN, Long.toString(tokenId), tokenName);
    }

    public static Actor admin(String username) {
        return new Actor(Type.ADMIN, username, username);
    }

    public static Actor system(String component) {
        return new Actor(Type.SYSTEM, component, component);
    }
}
