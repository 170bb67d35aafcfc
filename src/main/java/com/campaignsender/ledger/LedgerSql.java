package com.campaignsender.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * What the parts of the ledger share: how a row as loaded is joined to what became of it, how a
 * row's fields are read, and the one way a row's state is written for an event, guarded by the
 * event's from-states ({@link LedgerEvent}).
 */
final class LedgerSql {

    /** A nullable column's time. */
    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Each ledger row (r) with the list row it was loaded from (l). */
    static final String AS_LOADED = "recipient r JOIN list_row l ON l.run_id = r.run_id AND l.row_no = r.row_no";
    /** What a row to send (or to look for) is read with; {@link #toSend} maps it. */
    static final String TO_SEND = "SELECT r.row_no, l.address, l.fields, r.attempts FROM " + AS_LOADED;
    static final int PAGE = 1000;
    private static final int ERROR_LENGTH = 1000;
    private static final TypeReference<LinkedHashMap<String, String>> FIELDS = new TypeReference<>() {
    };

    private LedgerSql() {
    }

    /**
     * Writes what {@code event} made of each row, guarded in SQL by the states the event may find
     * it in (one statement per state it leads to); answers how many rows moved. A row found in any
     * other state is left as it is.
     */
    static int move(JdbcTemplate jdbc, Clock clock, LedgerEvent event, long runId, List<SendResult> results) {
        Map<DeliveryState, List<SendResult>> byState = new EnumMap<>(DeliveryState.class);
        results.forEach(result -> byState.computeIfAbsent(result.state(), state -> new ArrayList<>()).add(result));
        Timestamp now = now(clock);
        int moved = 0;
        for (Map.Entry<DeliveryState, List<SendResult>> to : byState.entrySet()) {
            List<SendResult> rows = to.getValue();
            int[][] counts = jdbc.batchUpdate("UPDATE recipient SET state = ?, provider_message_id = ?, message_key = ?,"
                    + " provider_status = ?, error = ?, segments = ?, attempts = attempts + ?, updated_at = ?"
                    + " WHERE run_id = ? AND row_no = ? AND state IN (" + event.sqlFrom(to.getKey()) + ")",
                    rows, rows.size(), (ps, result) -> {
                        ps.setString(1, result.state().name());
                        ps.setString(2, result.providerMessageId());
                        setNullable(ps, 3, result.providerMessageId() == null ? null : MessageKey.of(result.providerMessageId()), Types.BIGINT);
                        ps.setString(4, result.providerStatus());
                        ps.setString(5, truncate(result.error()));
                        setNullable(ps, 6, result.segments(), Types.INTEGER);
                        ps.setInt(7, result.attempts());
                        ps.setTimestamp(8, now);
                        ps.setLong(9, runId);
                        ps.setInt(10, result.row());
                    });
            moved += changed(counts);
        }
        return moved;
    }

    /** Rows a batch changed; a driver that rewrote the batch into one statement says only that it succeeded. */
    static int changed(int[][] counts) {
        int changed = 0;
        for (int[] batch : counts) {
            for (int count : batch) {
                changed += count == Statement.SUCCESS_NO_INFO ? 1 : Math.max(0, count);
            }
        }
        return changed;
    }

    /**
     * The run's rows in {@code state} after {@code afterRow} up to {@code lastRow}, in row order. The
     * ORDER BY names the whole primary key so that the databases read the page from it in order,
     * skipping rows in other states, instead of sorting every remaining row for each page; a pass
     * of pages reads the run once. (No index on state: see V9.)
     */
    static List<RecipientToSend> rowsIn(JdbcTemplate jdbc, RowMapper<RecipientToSend> toSend, long runId,
            DeliveryState state, int afterRow, int lastRow, int limit) {
        return jdbc.query(TO_SEND + " WHERE r.run_id = ? AND r.row_no > ? AND r.row_no <= ? AND r.state = ?"
                + " ORDER BY r.run_id, r.row_no LIMIT " + limit, toSend, runId, afterRow, lastRow, state.name());
    }

    static RowMapper<RecipientToSend> toSend(JsonMapper json) {
        return (rs, rowNum) -> new RecipientToSend(rs.getInt("row_no"), rs.getString("address"), fields(json, rs),
                rs.getInt("attempts"));
    }

    static Map<String, String> fields(JsonMapper json, ResultSet rs) throws SQLException {
        return json.readValue(rs.getString("fields"), FIELDS);
    }

    static List<Long> keys(Collection<String> providerMessageIds) {
        return providerMessageIds.stream().map(MessageKey::of).distinct().toList();
    }

    static void setNullable(PreparedStatement ps, int index, Object value, int sqlType) throws SQLException {
        if (value == null) {
            ps.setNull(index, sqlType);
        }
        else {
            ps.setObject(index, value, sqlType);
        }
    }

    static Timestamp now(Clock clock) {
        return Timestamp.from(clock.instant());
    }

    static String truncate(String text) {
        return text == null || text.length() <= ERROR_LENGTH ? text : text.substring(0, ERROR_LENGTH - 1) + "…";
    }
}
