package com.campaignsender.ledger;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The ledger as the settle step reads and writes it: the rows in doubt, when their requests left
 * and when they went in doubt, and what the provider's record showed of each.
 */
@Repository
public class SettlingLedger {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final RowMapper<RecipientToSend> toSend;
    private final Clock clock;

    public SettlingLedger(JdbcTemplate jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.toSend = LedgerSql.toSend(json);
        this.clock = clock;
    }

    /** The run's IN_DOUBT rows after {@code afterRow}, in row order, a page of at most {@code limit}. */
    public List<RecipientToSend> inDoubtAfter(long runId, int afterRow, int limit) {
        return LedgerSql.rowsIn(jdbc, toSend, runId, DeliveryState.IN_DOUBT, afterRow, RowRange.ALL.last(), limit);
    }

    /** When the earliest of these rows' last requests may have left (its chunk was marked), by our clock. */
    public Optional<Instant> earliestSentAt(long runId, Collection<Integer> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(named.queryForObject("SELECT MIN(sent_at) FROM recipient WHERE run_id = :run AND row_no IN (:rows)",
                new MapSqlParameterSource("run", runId).addValue("rows", rows), Timestamp.class)).map(Timestamp::toInstant);
    }

    /**
     * When the last of the run's rows went in doubt (its request's outcome was recorded, or a
     * restart found it mid-send), if any is in doubt: the provider may create its message a while
     * after that, which settling waits for.
     */
    public Optional<Instant> lastInDoubtAt(long runId) {
        return Optional.ofNullable(jdbc.queryForObject("SELECT MAX(updated_at) FROM recipient WHERE run_id = ? AND state = 'IN_DOUBT'",
                Timestamp.class, runId)).map(Timestamp::toInstant);
    }

    /**
     * {@link LedgerEvent#SETTLED}: what the provider's record showed of each row in doubt. Only a
     * row still IN_DOUBT takes it; answers how many did.
     */
    public int settle(long runId, List<SendResult> results) {
        return LedgerSql.move(jdbc, clock, LedgerEvent.SETTLED, runId, results);
    }
}
