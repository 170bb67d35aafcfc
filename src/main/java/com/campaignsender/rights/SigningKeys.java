package com.campaignsender.rights;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keys the service signs with, kept in the database so that every instance on it signs and
 * checks alike: a link one instance put in a message is honoured by whichever instance the
 * recipient reaches. A key is made by the first instance that needs it; two making one at once
 * both end up with the one that was stored first.
 */
@Repository
public class SigningKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final Map<String, byte[]> known = new ConcurrentHashMap<>();

    public SigningKeys(JdbcTemplate jdbc, Clock clock, TransactionTemplate ownTransaction) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ownTransaction = ownTransaction;
    }

    /** The key of that name, made (256 random bits) if none exists yet. */
    public byte[] key(String name) {
        return known.computeIfAbsent(name, this::readOrMake);
    }

    private byte[] readOrMake(String name) {
        List<String> stored = read(name);
        if (stored.isEmpty()) {
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            try {
                // In a transaction of its own: a refused insert must not spoil the caller's.
                ownTransaction.executeWithoutResult(status -> jdbc.update("INSERT INTO signing_key (name, secret, created_at) VALUES (?, ?, ?)", name,
                        Base64.getEncoder().encodeToString(secret), Timestamp.from(clock.instant())));
            }
            catch (DuplicateKeyException ex) {
                // Another instance made it first: its key is the one every instance uses.
            }
            stored = read(name);
        }
        return Base64.getDecoder().decode(stored.get(0));
    }

    private List<String> read(String name) {
        return jdbc.queryForList("SELECT secret FROM signing_key WHERE name = ?", String.class, name);
    }
}
