package com.campaignsender.serve;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code schedule_firing} table: which firings of which campaign's schedule were claimed, by whom. */
@Repository
class ScheduleFirings {

    private final JdbcClient jdbc;
    private final Clock clock;

    ScheduleFirings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Claims a firing; answers false when it was claimed already (by this or another instance). */
    boolean claim(String campaign, Instant fireTime, String claimant) {
        try {
            jdbc.sql("INSERT INTO schedule_firing (campaign, fire_time, claimed_by, claimed_at) VALUES (?, ?, ?, ?)")
                    .params(campaign, Timestamp.from(fireTime), claimant, Timestamp.from(clock.instant()))
                    .update();
            return true;
        }
        catch (DuplicateKeyException ex) {
            return false;
        }
    }

    Optional<Instant> last(String campaign) {
        return jdbc.sql("SELECT MAX(fire_time) FROM schedule_firing WHERE campaign = ?").param(campaign)
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }
}
