package com.sizemotion.incidents.command.directory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The {@code user_account} table. Emails are unique whatever their case. */
@Repository
public class UserAccountRepository {

    private final JdbcClient jdbc;

    UserAccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The new user, or empty when another user has this email already. */
    Optional<UserAccount> create(String name, String email, Instant createdAt) {
        KeyHolder keyHolder = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO user_account (name, email, email_key, created_at) VALUES (?, ?, ?, ?)")
                    .params(name, email, emailKey(email), Timestamp.from(createdAt))
                    .update(keyHolder, "id");
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
        return Optional.of(new UserAccount(keyHolder.getKeyAs(Long.class), name, email));
    }

    boolean emailTaken(String email) {
        return jdbc.sql("SELECT count(*) FROM user_account WHERE email_key = ?").param(emailKey(email))
                .query(Long.class).single() > 0;
    }

    public Optional<UserAccount> find(long id) {
        return jdbc.sql("SELECT id, name, email FROM user_account WHERE id = ?").param(id)
                .query(UserAccount.class).optional();
    }

    /** The users with these ids, by id; unknown ids are missing from the map. */
    public Map<Long, UserAccount> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT id, name, email FROM user_account WHERE id IN (:ids)").param("ids", ids)
                .query(UserAccount.class).list().stream()
                .collect(Collectors.toMap(UserAccount::id, Function.identity()));
    }

    List<UserAccount> findAll() {
        return jdbc.sql("SELECT id, name, email FROM user_account ORDER BY id").query(UserAccount.class).list();
    }

    private static String emailKey(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}
