package com.campaignsender.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
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
    /** What a row to send (or to look for) is read with; {@link #toSend} maps it. */
    private static final String TO_SEND = "SELECT r.row_no, l.address, l.fields, r.attempts FROM " + AS_LOADED;

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
        jdbc.batchUpdate("INSERT INTO recipient (run_id, row_no, state, error, time_zone, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                rows, rows.size(), (ps, row) -> {
                    ps.setLong(1, runId);
                    ps.setInt(2, row.row());
                    ps.setString(3, row.state().name());
                    ps.setString(4, truncate(row.error()));
                    ps.setString(5, row.timeZone());
                    ps.setTimestamp(6, now);
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
        return rowsAfter(runId, state, afterRow, RowRange.ALL, limit);
    }

    /** As {@link #rowsAfter(long, DeliveryState, int, int)}, within {@code range}. */
    public List<RecipientToSend> rowsAfter(long runId, DeliveryState state, int afterRow, RowRange range, int limit) {
        return jdbc.query(TO_SEND
                + " WHERE r.run_id = ? AND r.row_no > ? AND r.row_no <= ? AND r.state = ? ORDER BY r.run_id, r.row_no LIMIT " + limit,
                this::toSend,
                runId, afterRow, range.last(), state.name());
    }

    /** The address of a row as loaded (empty for a row without one: a malformed line). */
    public Optional<String> addressAt(long runId, int row) {
        return jdbc.queryForList("SELECT address FROM list_row WHERE run_id = ? AND row_no = ?", String.class, runId, row)
                .stream().filter(Objects::nonNull).findFirst();
    }

    /** Which PENDING rows may go out now: those whose zone is in {@code zones}, and those without a zone when {@code unzoned}. */
    public record OpenZones(Set<String> zones, boolean unzoned) {

        public boolean none() {
            return zones.isEmpty() && !unzoned;
        }
    }

    /** The run's PENDING rows after {@code afterRow} within {@code range} whose send window is open, in row order (see {@link #rowsAfter}). */
    public List<RecipientToSend> pendingRowsAfter(long runId, int afterRow, RowRange range, int limit, OpenZones open) {
        if (open.none()) {
            return List.of();
        }
        String zoned = open.zones().isEmpty() ? "" : "r.time_zone IN (:zones)";
        String unzoned = open.unzoned() ? "r.time_zone IS NULL" : "";
        String either = zoned.isEmpty() || unzoned.isEmpty() ? zoned + unzoned : zoned + " OR " + unzoned;
        return named.query(TO_SEND
                + " WHERE r.run_id = :run AND r.row_no > :after AND r.row_no <= :last AND r.state = 'PENDING' AND (" + either + ")"
                + " ORDER BY r.run_id, r.row_no LIMIT " + limit,
                new MapSqlParameterSource("run", runId).addValue("after", afterRow).addValue("last", range.last())
                        .addValue("zones", open.zones()),
                this::toSend);
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

    /** Notes on the run's PENDING rows why they have not gone out yet (a send window closed), for the report. */
    public void notePending(long runId, String reason) {
        jdbc.update("UPDATE recipient SET error = ?, updated_at = ? WHERE run_id = ? AND state = 'PENDING'", reason, now(), runId);
    }

    /**
     * Marks a chunk's rows SENDING; must commit before their requests leave: a row found SENDING
     * later may have been sent. One statement for the chunk, not one per row; only rows still
     * PENDING are marked, and any other count than the chunk's means the ledger changed under the
     * send step: it fails, and the caller's rollback keeps the chunk from being sent. (Rows are
     * named, not a range: a send window leaves PENDING rows of closed zones between a chunk's rows.)
     */
    public void markSending(long runId, String provider, String sender, List<Integer> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Timestamp now = now();
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
     * Applies provider statuses (a page of its listing, a delivery report, a webhook's push) to
     * the rows that carry those message ids, in whichever run they are (provider message ids are
     * unique), and marks them seen: the provider has shown it holds them, which the discrepancy
     * check reads. A row already in that state and status, and seen, is left alone. Rows are found
     * by {@link MessageKey}, then by the id itself.
     */
    public void applyStatuses(List<StatusChange> changes) {
        Timestamp now = now();
        jdbc.batchUpdate("UPDATE recipient SET state = ?, provider_status = ?, updated_at = ?, seen_at = COALESCE(seen_at, ?)"
                + " WHERE message_key = ? AND provider_message_id = ?"
                + " AND (state <> ? OR provider_status IS NULL OR provider_status <> ? OR seen_at IS NULL)",
                changes, changes.size(), (ps, change) -> {
                    ps.setString(1, change.state().name());
                    ps.setString(2, change.providerStatus());
                    ps.setTimestamp(3, now);
                    ps.setTimestamp(4, now);
                    ps.setLong(5, MessageKey.of(change.providerMessageId()));
                    ps.setString(6, change.providerMessageId());
                    ps.setString(7, change.state().name());
                    ps.setString(8, change.providerStatus());
                });
    }

    /** Which run each of these provider message ids is a message of, for the ones that are ours. */
    public Map<String, Long> runsOf(Collection<String> providerMessageIds) {
        Map<String, Long> runs = new HashMap<>();
        forMessages(providerMessageIds, "", rs -> {
            runs.put(rs.getString("provider_message_id"), rs.getLong("run_id"));
        });
        return runs;
    }

    /** Which of these messages of ours are still ACCEPTED (in flight) in the ledger: a webhook may have settled the rest. */
    public Set<String> stillInFlight(Collection<String> providerMessageIds) {
        Set<String> inFlight = new HashSet<>();
        forMessages(providerMessageIds, " AND state = 'ACCEPTED'", rs -> {
            inFlight.add(rs.getString("provider_message_id"));
        });
        return inFlight;
    }

    /**
     * Visits the rows (run and message id) that carry these provider message ids and meet
     * {@code condition}: found by {@link MessageKey}, then by the id itself, since what only shares
     * a key is not one of them.
     */
    private void forMessages(Collection<String> providerMessageIds, String condition, RowCallbackHandler each) {
        if (providerMessageIds.isEmpty()) {
            return;
        }
        Set<String> wanted = providerMessageIds instanceof Set<String> set ? set : new HashSet<>(providerMessageIds);
        named.query("SELECT provider_message_id, run_id FROM recipient WHERE message_key IN (:keys)" + condition,
                new MapSqlParameterSource("keys", keys(providerMessageIds)), rs -> {
                    if (wanted.contains(rs.getString("provider_message_id"))) {
                        each.processRow(rs);
                    }
                });
    }

    /** A message the provider listed to a recipient of a run (its first row of that address) that is not the run's own. */
    public record Unmatched(int row, String providerMessageId, String providerStatus) {
    }

    /**
     * Keeps messages the provider listed that are not the run's own; one kept before is not kept
     * twice. Each provider message is in one slice of a run's listing, and a slice is read by one
     * reader at a time, so no two writers keep the same message at once.
     */
    public void keepUnmatched(long runId, List<Unmatched> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Set<String> kept = new HashSet<>(named.queryForList("SELECT provider_message_id FROM unmatched_message"
                + " WHERE run_id = :run AND provider_message_id IN (:ids)", new MapSqlParameterSource("run", runId)
                        .addValue("ids", messages.stream().map(Unmatched::providerMessageId).toList()), String.class));
        List<Unmatched> fresh = messages.stream().filter(message -> kept.add(message.providerMessageId())).toList();
        jdbc.batchUpdate("INSERT INTO unmatched_message (run_id, provider_message_id, row_no, provider_status) VALUES (?, ?, ?, ?)",
                fresh, fresh.size(), (ps, message) -> {
                    ps.setLong(1, runId);
                    ps.setString(2, message.providerMessageId());
                    ps.setInt(3, message.row());
                    ps.setString(4, message.providerStatus());
                });
    }

    /** A kept unmatched message with the row it went to and the message id the row holds now. */
    public record UnmatchedAt(Recorded recorded, String providerMessageId, String providerStatus) {
    }

    /** The run's kept unmatched messages, in row order. */
    public List<UnmatchedAt> unmatched(long runId) {
        return jdbc.query("SELECT u.row_no, l.address, r.provider_message_id AS ours, u.provider_message_id, u.provider_status"
                + " FROM unmatched_message u JOIN recipient r ON r.run_id = u.run_id AND r.row_no = u.row_no"
                + " JOIN list_row l ON l.run_id = u.run_id AND l.row_no = u.row_no"
                + " WHERE u.run_id = ? ORDER BY u.row_no, u.provider_message_id",
                (rs, n) -> new UnmatchedAt(new Recorded(rs.getInt("row_no"), rs.getString("address"), rs.getString("ours")),
                        rs.getString("provider_message_id"), rs.getString("provider_status")),
                runId);
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

    /** When the run's last request left, if any did: where a listing of its span can end. */
    public Optional<Instant> lastSentAt(long runId) {
        return Optional.ofNullable(jdbc.queryForObject("SELECT MAX(sent_at) FROM recipient WHERE run_id = ?",
                Timestamp.class, runId)).map(Timestamp::toInstant);
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

    private static List<Long> keys(Collection<String> providerMessageIds) {
        return providerMessageIds.stream().map(MessageKey::of).distinct().toList();
    }

    /**
     * Rows with a message id of ours that the provider never showed, after {@code afterRow}. A
     * message listed before its row held its id (a run restarted with rows in doubt) was kept as
     * unmatched: it was shown all the same.
     */
    public List<Recorded> unseenAfter(long runId, int afterRow, int limit) {
        return jdbc.query("SELECT r.row_no, l.address, r.provider_message_id FROM " + AS_LOADED
                + " WHERE r.run_id = ? AND r.row_no > ? AND r.provider_message_id IS NOT NULL AND r.seen_at IS NULL"
                + " AND NOT EXISTS (SELECT 1 FROM unmatched_message u WHERE u.run_id = r.run_id AND u.provider_message_id = r.provider_message_id)"
                + " ORDER BY r.run_id, r.row_no LIMIT " + limit,
                (rs, n) -> new Recorded(rs.getInt("row_no"), rs.getString("address"), rs.getString("provider_message_id")),
                runId, afterRow);
    }

    /** After a crash nobody knows whether a SENDING row's request left: it is in doubt, never simply resent. */
    public int markSendingInDoubt(long runId, RowRange range) {
        return jdbc.update("UPDATE recipient SET state = 'IN_DOUBT', error = 'interrupted while sending; may have been sent', updated_at = ?"
                + " WHERE run_id = ? AND row_no BETWEEN ? AND ? AND state = 'SENDING'",
                now(), runId, range.first(), range.last());
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
                rs.getTimestamp("updated_at").toInstant(), rs.getString("sent_by"), fields(rs));
    }

    /** A row read by {@link #TO_SEND}. */
    private RecipientToSend toSend(ResultSet rs, int rowNum) throws SQLException {
        return new RecipientToSend(rs.getInt("row_no"), rs.getString("address"), fields(rs), rs.getInt("attempts"));
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
