package com.campaignsender.ledger;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The ledger as the send step reads and writes it: the PENDING rows to send, in pages and by
 * send-window zone; a chunk claimed before its requests leave, then each request's answer; rows a
 * crash left mid-send; a cancelled run's rows. Each write is an event of {@link LedgerEvent}.
 */
@Repository
public class SendingLedger {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final RowMapper<RecipientToSend> toSend;
    private final Clock clock;

    public SendingLedger(JdbcTemplate jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.toSend = LedgerSql.toSend(json);
        this.clock = clock;
    }

    /** The run's rows in {@code state} after {@code afterRow} within {@code range}, in row order (see {@link LedgerSql#rowsIn}). */
    public List<RecipientToSend> rowsAfter(long runId, DeliveryState state, int afterRow, RowRange range, int limit) {
        return LedgerSql.rowsIn(jdbc, toSend, runId, state, afterRow, range.last(), limit);
    }

    /** Which PENDING rows may go out now: those whose zone is in {@code zones}, and those without a zone when {@code unzoned}. */
    public record OpenZones(Set<String> zones, boolean unzoned) {

        public boolean none() {
            return zones.isEmpty() && !unzoned;
        }
    }

    /** The run's PENDING rows after {@code afterRow} within {@code range} whose send window is open, in row order (see {@link #rowsAfter(long, DeliveryState, int, RowRange, int)}). */
    public List<RecipientToSend> pendingRowsAfter(long runId, int afterRow, RowRange range, int limit, OpenZones open) {
        if (open.none()) {
            return List.of();
        }
        String zoned = open.zones().isEmpty() ? "" : "r.time_zone IN (:zones)";
        String unzoned = open.unzoned() ? "r.time_zone IS NULL" : "";
        String either = zoned.isEmpty() || unzoned.isEmpty() ? zoned + unzoned : zoned + " OR " + unzoned;
        return named.query(LedgerSql.TO_SEND
                + " WHERE r.run_id = :run AND r.row_no > :after AND r.row_no <= :last AND r.state = 'PENDING' AND (" + either + ")"
                + " ORDER BY r.run_id, r.row_no LIMIT " + limit,
                new MapSqlParameterSource("run", runId).addValue("after", afterRow).addValue("last", range.last())
                        .addValue("zones", open.zones()),
                toSend);
    }

    /** How many of the run's rows are PENDING in each zone (the key null: rows without a zone of their own). */
    public Map<String, Long> pendingByZone(long runId) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("SELECT time_zone, COUNT(*) AS n FROM recipient WHERE run_id = ? AND state = 'PENDING' GROUP BY time_zone",
                rs -> {
                    counts.put(rs.getString("time_zone"), rs.getLong("n"));
                }, runId);
        return counts;
    }

    /** The first and last of the run's PENDING rows; empty when none is. */
    public Optional<RowRange> pendingSpan(long runId) {
        return jdbc.query("SELECT MIN(row_no), MAX(row_no) FROM recipient WHERE run_id = ? AND state = 'PENDING'",
                rs -> {
                    rs.next();
                    int first = rs.getInt(1);
                    return rs.wasNull() ? Optional.<RowRange>empty() : Optional.of(new RowRange(first, rs.getInt(2)));
                }, runId);
    }

    /** Notes on the run's PENDING rows why they have not gone out yet (a send window closed), for the report. */
    public void notePending(long runId, String reason) {
        jdbc.update("UPDATE recipient SET error = ?, updated_at = ? WHERE run_id = ? AND state = 'PENDING'", reason, LedgerSql.now(clock), runId);
    }

    /**
     * {@link LedgerEvent#CLAIMED}: marks a chunk's rows SENDING; must commit before their requests leave: a row found SENDING
     * later may have been sent. One statement for the chunk, not one per row; only rows still
     * PENDING are marked, and any other count than the chunk's means the ledger changed under the
     * send step: it fails, and the caller's rollback keeps the chunk from being sent. (Rows are
     * named, not a range: a send window leaves PENDING rows of closed zones between a chunk's rows.)
     */
    public void claim(long runId, String provider, String sender, List<Integer> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Timestamp now = LedgerSql.now(clock);
        // The range as well as the list: with the list alone H2 walked a secondary index of the whole
        // table for every chunk (the send step fell from 4,500 to 400 messages a second at 200,000
        // rows); the range lets it seek the chunk's rows by primary key.
        int marked = named.update("UPDATE recipient SET state = 'SENDING', provider = :provider, sent_by = :sender, sent_at = :now, updated_at = :now"
                + " WHERE run_id = :run AND row_no BETWEEN :first AND :last AND state = 'PENDING' AND row_no IN (:rows)",
                new MapSqlParameterSource("provider", provider).addValue("sender", sender).addValue("now", now).addValue("run", runId)
                        .addValue("first", Collections.min(rows)).addValue("last", Collections.max(rows)).addValue("rows", rows));
        if (marked != rows.size()) {
            throw new IllegalStateException("run " + runId + ": of rows " + rows.get(0) + " to " + rows.get(rows.size() - 1)
                    + ", " + marked + " were PENDING, not the " + rows.size() + " the send step read; none of them was sent");
        }
    }

    /** {@link LedgerEvent#RENDERED}: PENDING rows whose message cannot be rendered are REJECTED (a dry run notes the rest). */
    public int recordRendered(long runId, List<SendResult> results) {
        return LedgerSql.move(jdbc, clock, LedgerEvent.RENDERED, runId, results);
    }

    /**
     * {@link LedgerEvent#ANSWERED}: what became of each request of a chunk. Only a row still
     * SENDING takes its answer; answers how many did (fewer means the ledger moved on meanwhile).
     */
    public int recordAnswers(long runId, List<SendResult> results) {
        return LedgerSql.move(jdbc, clock, LedgerEvent.ANSWERED, runId, results);
    }

    /**
     * {@link LedgerEvent#CRASH_FOUND}: after a crash nobody knows whether a SENDING row's request
     * left: it is in doubt, never simply resent. Answers how many rows it found.
     */
    public int findCrashed(long runId, RowRange range) {
        return jdbc.update("UPDATE recipient SET state = 'IN_DOUBT', error = 'interrupted while sending; may have been sent', updated_at = ?"
                + " WHERE run_id = ? AND row_no BETWEEN ? AND ? AND state = 'SENDING'",
                LedgerSql.now(clock), runId, range.first(), range.last());
    }

    /** {@link LedgerEvent#CANCELLED_BEFORE_SENDING}: a cancelled run's rows that were never sent, CANCELLED, still in the report as every input row is. */
    public int cancelPending(long runId) {
        return jdbc.update("UPDATE recipient SET state = 'CANCELLED', error = 'not sent: the run was cancelled', updated_at = ? WHERE run_id = ? AND state = 'PENDING'",
                LedgerSql.now(clock), runId);
    }
}
