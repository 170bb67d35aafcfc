package com.campaignsender.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The per-recipient ledger: one row per input row of a run's list, and every state change it
 * goes through. Writes are batched per chunk; reads stream, so a list of millions never sits in
 * memory. The row as loaded (address, fields) is kept in {@code list_row}, which is written once;
 * what became of it is kept in {@code recipient}, which the send step updates (V10 says why).
 */
@Repository
public class RecipientLedger {

    private static final TypeReference<LinkedHashMap<String, String>> FIELDS = new TypeReference<>() {
    };
    private static final int ERROR_LENGTH = 1000;
    private static final int PAGE = 1000;
    /** Each ledger row (r) with the list row it was loaded from (l). */
    private static final String AS_LOADED = "recipient r JOIN list_row l ON l.run_id = r.run_id AND l.row_no = r.row_no";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final JsonMapper json;
    private final Clock clock;

    public RecipientLedger(JdbcTemplate jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.json = json;
        this.clock = clock;
    }

    public void insert(long runId, List<NewRecipient> rows) {
        Timestamp now = now();
        jdbc.batchUpdate("INSERT INTO list_row (run_id, row_no, address, fields) VALUES (?, ?, ?, ?)",
                rows, rows.size(), (ps, row) -> {
                    ps.setLong(1, runId);
                    ps.setInt(2, row.row());
                    ps.setString(3, row.address());
                    ps.setString(4, json.writeValueAsString(row.fields()));
                });
        jdbc.batchUpdate("INSERT INTO recipient (run_id, row_no, state, error, updated_at) VALUES (?, ?, ?, ?, ?)",
                rows, rows.size(), (ps, row) -> {
                    ps.setLong(1, runId);
                    ps.setInt(2, row.row());
                    ps.setString(3, row.state().name());
                    ps.setString(4, truncate(row.error()));
                    ps.setTimestamp(5, now);
                });
    }

    /** The first row that holds each of these addresses, for the ones already in the ledger. */
    public Map<String, Integer> firstRowsOf(long runId, Collection<String> addresses) {
        Map<String, Integer> rows = new HashMap<>();
        if (addresses.isEmpty()) {
            return rows;
        }
        named.query("SELECT l.address, l.row_no FROM " + AS_LOADED
                + " WHERE l.address IN (:addresses) AND l.run_id = :run AND r.state <> 'REJECTED'",
                new MapSqlParameterSource("run", runId).addValue("addresses", addresses),
                rs -> {
                    rows.merge(rs.getString("address"), rs.getInt("row_no"), Math::min);
                });
        return rows;
    }

    /**
     * The run's rows in {@code state} (PENDING or IN_DOUBT) after {@code afterRow}, in row order.
     * The ORDER BY names the whole primary key so that the databases read the page from it in
     * order, skipping rows in other states, instead of sorting every remaining row for each page;
     * a pass of pages reads the run once. (No index on state: see V9.)
     */
    public List<RecipientToSend> rowsAfter(long runId, DeliveryState state, int afterRow, int limit) {
        return jdbc.query("SELECT r.row_no, l.address, l.fields, r.attempts FROM " + AS_LOADED
                + " WHERE r.run_id = ? AND r.row_no > ? AND r.state = ? ORDER BY r.run_id, r.row_no LIMIT " + limit,
                (rs, n) -> new RecipientToSend(rs.getInt("row_no"), rs.getString("address"), fields(rs), rs.getInt("attempts")),
                runId, afterRow, state.name());
    }

    /**
     * Marks a chunk's rows SENDING; must commit before their requests leave: a row found SENDING
     * later may have been sent. {@code rows} are in row order and are the run's PENDING rows from
     * the first of them to the last (the reader reads PENDING rows in order, and the chunk's rows
     * that could not be rendered are recorded before), so one range update marks them all rather
     * than a statement per row. Any other count means the ledger changed under the send step: it
     * fails, and the caller's rollback keeps the chunk from being sent.
     */
    public void markSending(long runId, String provider, List<Integer> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Timestamp now = now();
        int first = rows.get(0);
        int last = rows.get(rows.size() - 1);
        int marked = jdbc.update("UPDATE recipient SET state = 'SENDING', provider = ?, sent_at = ?, updated_at = ? WHERE run_id = ? AND state = 'PENDING' AND row_no BETWEEN ? AND ?",
                provider, now, now, runId, first, last);
        if (marked != rows.size()) {
            throw new IllegalStateException("run " + runId + ": rows " + first + " to " + last + " hold " + marked
                    + " PENDING rows, not the " + rows.size() + " the send step read; none of them was sent");
        }
    }

    public void recordResults(long runId, List<SendResult> results) {
        if (results.isEmpty()) {
            return;
        }
        Timestamp now = now();
        jdbc.batchUpdate("UPDATE recipient SET state = ?, provider_message_id = ?, message_key = ?, provider_status = ?, error = ?, segments = ?, attempts = attempts + ?, updated_at = ? WHERE run_id = ? AND row_no = ?",
                results, results.size(), (ps, result) -> {
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
    }

    /**
     * Applies provider statuses to the rows that carry those message ids, in whichever run they
     * are (provider message ids are unique); a row already in that state and status is left alone.
     * Rows are found by {@link MessageKey}, then by the id itself.
     */
    public void applyStatuses(List<StatusChange> changes) {
        Timestamp now = now();
        jdbc.batchUpdate("UPDATE recipient SET state = ?, provider_status = ?, updated_at = ? WHERE message_key = ? AND provider_message_id = ? AND (state <> ? OR provider_status IS NULL OR provider_status <> ?)",
                changes, changes.size(), (ps, change) -> {
                    ps.setString(1, change.state().name());
                    ps.setString(2, change.providerStatus());
                    ps.setTimestamp(3, now);
                    ps.setLong(4, MessageKey.of(change.providerMessageId()));
                    ps.setString(5, change.providerMessageId());
                    ps.setString(6, change.state().name());
                    ps.setString(7, change.providerStatus());
                });
    }

    /** A row of the run with the message id we recorded for it, if any: what a provider's listing is checked against. */
    public record Recorded(int row, String address, String providerMessageId) {
    }

    /** The run's rows that hold these addresses (REJECTED rows included: they have no message of ours). */
    public Map<String, Recorded> rowsByAddress(long runId, Collection<String> addresses) {
        Map<String, Recorded> rows = new HashMap<>();
        if (!addresses.isEmpty()) {
            named.query("SELECT l.row_no, l.address, r.provider_message_id FROM " + AS_LOADED
                    + " WHERE l.address IN (:addresses) AND l.run_id = :run",
                    new MapSqlParameterSource("run", runId).addValue("addresses", addresses),
                    rs -> {
                        Recorded row = new Recorded(rs.getInt("row_no"), rs.getString("address"),
                                rs.getString("provider_message_id"));
                        rows.merge(row.address(), row, (first, other) -> first.providerMessageId() != null ? first : other);
                    });
        }
        return rows;
    }

    /** Which of these provider message ids are messages of ours, in any run. */
    public Set<String> knownMessageIds(Collection<String> providerMessageIds) {
        Set<String> known = new HashSet<>();
        if (!providerMessageIds.isEmpty()) {
            named.query("SELECT provider_message_id FROM recipient WHERE message_key IN (:keys)",
                    new MapSqlParameterSource("keys", keys(providerMessageIds)), rs -> {
                        known.add(rs.getString(1));
                    });
            known.retainAll(providerMessageIds); // what only shares a key is not one of them
        }
        return known;
    }

    /** Notes that the provider's listing showed these messages. */
    public void markSeen(long runId, Collection<String> providerMessageIds) {
        if (!providerMessageIds.isEmpty()) {
            named.update("UPDATE recipient SET seen_at = :now WHERE message_key IN (:keys) AND provider_message_id IN (:ids) AND run_id = :run",
                    new MapSqlParameterSource("run", runId).addValue("keys", keys(providerMessageIds))
                            .addValue("ids", providerMessageIds).addValue("now", now()));
        }
    }

    private static List<Long> keys(Collection<String> providerMessageIds) {
        return providerMessageIds.stream().map(MessageKey::of).distinct().toList();
    }

    /** Rows with a message id of ours that the provider's listing never showed, after {@code afterRow}. */
    public List<Recorded> unseenAfter(long runId, int afterRow, int limit) {
        return jdbc.query("SELECT r.row_no, l.address, r.provider_message_id FROM " + AS_LOADED
                + " WHERE r.run_id = ? AND r.row_no > ? AND r.provider_message_id IS NOT NULL AND r.seen_at IS NULL ORDER BY r.run_id, r.row_no LIMIT " + limit,
                (rs, n) -> new Recorded(rs.getInt("row_no"), rs.getString("address"), rs.getString("provider_message_id")),
                runId, afterRow);
    }

    /** After a crash nobody knows whether a SENDING row's request left: it is in doubt, never simply resent. */
    public int markSendingInDoubt(long runId) {
        return jdbc.update("UPDATE recipient SET state = 'IN_DOUBT', error = 'interrupted while sending; may have been sent', updated_at = ? WHERE run_id = ? AND state = 'SENDING'",
                now(), runId);
    }

    /** A cancelled run's rows that were never sent: CANCELLED, still in the report as every input row is. */
    public int cancelPending(long runId) {
        return jdbc.update("UPDATE recipient SET state = 'CANCELLED', error = 'not sent: the run was cancelled', updated_at = ? WHERE run_id = ? AND state = 'PENDING'",
                now(), runId);
    }

    public Map<DeliveryState, Long> countByState(long runId) {
        Map<DeliveryState, Long> counts = new EnumMap<>(DeliveryState.class);
        jdbc.query("SELECT state, COUNT(*) AS n FROM recipient WHERE run_id = ? GROUP BY state", rs -> {
            counts.put(DeliveryState.valueOf(rs.getString("state")), rs.getLong("n"));
        }, runId);
        return counts;
    }

    /**
     * Visits every row of the run in input order, a page at a time by row number: MySQL's driver
     * would otherwise read a whole result set into memory.
     */
    public void forEachRow(long runId, Consumer<LedgerLine> action) {
        int after = 0;
        List<LedgerLine> page;
        do {
            page = jdbc.query("SELECT r.*, l.address, l.fields FROM " + AS_LOADED
                    + " WHERE r.run_id = ? AND r.row_no > ? ORDER BY r.run_id, r.row_no LIMIT " + PAGE,
                    (rs, n) -> line(rs), runId, after);
            page.forEach(action);
            after = page.isEmpty() ? after : page.get(page.size() - 1).row();
        } while (page.size() == PAGE);
    }

    private LedgerLine line(ResultSet rs) throws SQLException {
        return new LedgerLine(rs.getInt("row_no"), rs.getString("address"), DeliveryState.valueOf(rs.getString("state")),
                rs.getString("provider"), rs.getString("provider_message_id"), rs.getString("provider_status"),
                rs.getInt("attempts"), rs.getObject("segments", Integer.class), rs.getString("error"),
                Optional.ofNullable(rs.getTimestamp("sent_at")).map(Timestamp::toInstant).orElse(null),
                rs.getTimestamp("updated_at").toInstant(), fields(rs));
    }

    private Map<String, String> fields(ResultSet rs) throws SQLException {
        return json.readValue(rs.getString("fields"), FIELDS);
    }

    private static void setNullable(PreparedStatement ps, int index, Object value, int sqlType) throws SQLException {
        if (value == null) {
            ps.setNull(index, sqlType);
        }
        else {
            ps.setObject(index, value, sqlType);
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String truncate(String text) {
        return text == null || text.length() <= ERROR_LENGTH ? text : text.substring(0, ERROR_LENGTH - 1) + "…";
    }
}
