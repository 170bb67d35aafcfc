package com.campaignsender.rights;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's signing keys, kept in the database: every instance on it signs and checks with
 * the same key, so a link one instance made is honoured by any other.
 */
@SpringBootTest
class SigningKeysTests {

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private Clock clock;

    @Autowired
    private TransactionTemplate ownTransaction;

    @Test
    void aKeyIsMadeOnceAndEveryInstanceOnTheDatabaseUsesIt() {
        String name = "test-" + UUID.randomUUID();
        byte[] made = instance().key(name);

        assertThat(made).hasSize(32);
        assertThat(instance().key(name)).as("another instance, later").isEqualTo(made);
        assertThat(instance().key("other-" + name)).as("another key").isNotEqualTo(made);
    }

    /** Instances starting together each make a key; the first one stored is the one they all use. */
    @Test
    void instancesMakingTheSameKeyAtOnceEndUpWithOne() {
        String name = "race-" + UUID.randomUUID();
        List<CompletableFuture<byte[]>> racing = List.of(1, 2, 3, 4).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> instance().key(name))).toList();
        List<byte[]> keys = racing.stream().map(CompletableFuture::join).toList();

        assertThat(keys).allSatisfy(key -> assertThat(key).isEqualTo(keys.get(0)));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM signing_key WHERE name = ?", Integer.class, name)).isEqualTo(1);
    }

    private SigningKeys instance() {
        return new SigningKeys(jdbc, clock, ownTransaction);
    }
}
