package com.campaignsender.ledger;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code campaign_lock} table: which process sends which campaign now. Taking a lock is one
 * INSERT, or one UPDATE of a lock that expired or is already ours: the database decides between
 * two processes that try at once, whichever host they run on.
 */
@Repository
public class CampaignLocks {

    /** Who holds a campaign's lock, for which run. */
    public record Holder(String owner, long runId) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public CampaignLocks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Takes or renews the campaign's lock for {@code ttl}; answers the other holder when it is taken. */
    public Optional<Holder> acquire(String campaign, String owner, long runId, Duration ttl) {
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp until = Timestamp.from(clock.instant().plus(ttl));
        int taken = jdbc.sql("UPDATE campaign_lock SET owner = ?, run_id = ?, locked_until = ? WHERE campaign = ? AND (owner = ? OR locked_until < ?)")
                .params(owner, runId, until, campaign, owner, now).update();
        if (taken == 1) {
            return Optional.empty();
        }
        try {
            jdbc.sql("INSERT INTO campaign_lock (campaign, owner, run_id, locked_until) VALUES (?, ?, ?, ?)")
                    .params(campaign, owner, runId, until).update();
            return Optional.empty();
        }
        catch (DuplicateKeyException ex) {
            return holder(campaign).or(() -> Optional.of(new Holder("another process", 0)));
        }
    }

    /** Who holds the campaign's lock now, if anyone does and it has not expired. */
    public Optional<Holder> holder(String campaign) {
        return jdbc.sql("SELECT owner, run_id FROM campaign_lock WHERE campaign = ? AND locked_until >= ?")
                .params(campaign, Timestamp.from(clock.instant()))
                .query((rs, n) -> new Holder(rs.getString("owner"), rs.getLong("run_id"))).optional();
    }

    /** Takes the lock over from a holder known to be dead; answers whether it did. */
    public boolean takeOver(String campaign, String deadOwner, String owner, long runId, Duration ttl) {
        return jdbc.sql("UPDATE campaign_lock SET owner = ?, run_id = ?, locked_until = ? WHERE campaign = ? AND owner = ?")
                .params(owner, runId, Timestamp.from(clock.instant().plus(ttl)), campaign, deadOwner).update() == 1;
    }

    public void release(String campaign, String owner) {
        jdbc.sql("DELETE FROM campaign_lock WHERE campaign = ? AND owner = ?").params(campaign, owner).update();
    }
}
