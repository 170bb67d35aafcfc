package com.campaignsender.ledger;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** One sending run per campaign: two processes asking for the same campaign's lock, on the real database. */
@SpringBootTest
class CampaignLocksTests {

    @Autowired
    private CampaignLocks locks;

    @Test
    void oneHolderAtATimeUntilReleased() {
        assertThat(locks.acquire("lock-a", "host-1:100", 1, Duration.ofSeconds(30))).isEmpty();
        assertThat(locks.acquire("lock-a", "host-2:200", 2, Duration.ofSeconds(30)))
                .contains(new CampaignLocks.Holder("host-1:100", 1));
        assertThat(locks.acquire("lock-a", "host-1:100", 1, Duration.ofSeconds(30))).as("renewed by its holder").isEmpty();
        assertThat(locks.acquire("lock-b", "host-2:200", 3, Duration.ofSeconds(30))).as("another campaign").isEmpty();

        locks.release("lock-a", "host-1:100");

        assertThat(locks.acquire("lock-a", "host-2:200", 2, Duration.ofSeconds(30))).isEmpty();
    }

    @Test
    void aLockItsHolderStoppedRenewingIsTakenOver() {
        // Expired two seconds ago: MariaDB, as mysql-connector-j sees it, keeps whole seconds only.
        assertThat(locks.acquire("lock-c", "host-1:100", 1, Duration.ofSeconds(-2))).isEmpty();
        assertThat(locks.acquire("lock-c", "host-2:200", 2, Duration.ofSeconds(30))).isEmpty();
        assertThat(locks.acquire("lock-c", "host-1:100", 1, Duration.ofSeconds(30)))
                .contains(new CampaignLocks.Holder("host-2:200", 2));
    }
}
