package com.campaignsender.ledger;

import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The ledger as the provider's statuses reach it (listing pages, delivery reports, webhooks) and
 * as the discrepancy check reads it: statuses applied by message id, only forward; the messages
 * the provider listed that are not a run's own; the rows it never showed.
 */
@Repository
public class StatusLedger {

    private static final int KEYS_PER_QUERY = 1_000;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Clock clock;

    public StatusLedger(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.clock = clock;
    }

    /**
     * {@link LedgerEvent#STATUS_SEEN}: applies provider statuses (a page of its listing, a delivery
     * report, a webhook's push) to the rows that carry those message ids, in whichever run they are
     * (provider message ids are unique), only ever forward: a late poll never turns a DELIVERED row
     * back into ACCEPTED. Every row shown is marked seen, moved or not: the provider has shown it
     * holds it, which the discrepancy check reads. Rows are found by {@link MessageKey}, then by the
     * id itself. Answers how many rows moved (a row already in that state and status is not moved).
     */
    public int applyStatuses(List<StatusChange> changes) {
        Timestamp now = LedgerSql.now(clock);
        int moved = 0;
        List<StatusChange> notMoved = new ArrayList<>();
        for (DeliveryState to : changes.stream().map(StatusChange::state).distinct().toList()) {
            List<StatusChange> toState = changes.stream().filter(change -> change.state() == to).toList();
            int[][] counts = jdbc.batchUpdate("UPDATE recipient SET state = ?, provider_status = ?, updated_at = ?,"
                    + " seen_at = COALESCE(seen_at, ?) WHERE message_key = ? AND provider_message_id = ?"
                    + " AND state IN (" + LedgerEvent.STATUS_SEEN.sqlFrom(to) + ")"
                    + " AND (state <> ? OR provider_status IS NULL OR provider_status <> ? OR seen_at IS NULL)",
                    toState, toState.size(), (ps, change) -> {
                        ps.setString(1, change.state().name());
                        ps.setString(2, change.providerStatus());
                        ps.setTimestamp(3, now);
                        ps.setTimestamp(4, now);
                        ps.setLong(5, MessageKey.of(change.providerMessageId()));
                        ps.setString(6, change.providerMessageId());
                        ps.setString(7, change.state().name());
                        ps.setString(8, change.providerStatus());
                    });
            moved += LedgerSql.changed(counts);
            // One batch of toState.size(): its counts are in toState's order. A driver that rewrote
            // the batch says only that it succeeded, so those are marked seen below as well.
            for (int i = 0; i < toState.size(); i++) {
                if (counts[0][i] == 0 || counts[0][i] == Statement.SUCCESS_NO_INFO) {
                    notMoved.add(toState.get(i));
                }
            }
        }
        if (notMoved.isEmpty()) {
            return moved;
        }
        // Shown, even where the status was older than the row's: the provider holds the message.
        jdbc.batchUpdate("UPDATE recipient SET seen_at = ? WHERE message_key = ? AND provider_message_id = ? AND seen_at IS NULL",
                notMoved, notMoved.size(), (ps, change) -> {
                    ps.setTimestamp(1, now);
                    ps.setLong(2, MessageKey.of(change.providerMessageId()));
                    ps.setString(3, change.providerMessageId());
                });
        return moved;
    }

    /** Which run each of these provider message ids is a message of, for the ones that are ours. */
    public Map<String, Long> runsOf(Collection<String> providerMessageIds) {
        Map<String, Long> runs = new HashMap<>();
        ourMessages(providerMessageIds).forEach((id, message) -> runs.put(id, message.runId()));
        return runs;
    }

    /** One of our messages: its run, and the address the ledger sent it to (not what a status says it was). */
    public record OurMessage(long runId, String address) {
    }

    /** Which of these messages are ours, each with its run and its address as the ledger holds them. */
    public Map<String, OurMessage> ourMessages(Collection<String> providerMessageIds) {
        Map<String, OurMessage> ours = new HashMap<>();
        forMessages(providerMessageIds, "", rs -> {
            ours.put(rs.getString("provider_message_id"), new OurMessage(rs.getLong("run_id"), rs.getString("address")));
        });
        return ours;
    }

    /** Which of these messages of ours are still ACCEPTED (in flight) in the ledger: a webhook may have settled the rest. */
    public Set<String> stillInFlight(Collection<String> providerMessageIds) {
        Set<String> inFlight = new HashSet<>();
        forMessages(providerMessageIds, " AND r.state = 'ACCEPTED'", rs -> {
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
        List<Long> keys = LedgerSql.keys(providerMessageIds);
        // A run's unmatched messages can be many more than a statement takes parameters (PostgreSQL 65,535, H2 100,000).
        for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
            named.query("SELECT r.provider_message_id, r.run_id, l.address FROM " + LedgerSql.AS_LOADED
                    + " WHERE r.message_key IN (:keys)" + condition,
                    new MapSqlParameterSource("keys", keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY))), rs -> {
                        if (wanted.contains(rs.getString("provider_message_id"))) {
                            each.processRow(rs);
                        }
                    });
        }
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

    /** A row of the run with the message id we recorded for it, if any: what a provider's listing is checked against. */
    public record Recorded(int row, String address, String providerMessageId) {
    }

    /** The run's rows that hold these addresses (REJECTED rows included: they have no message of ours). */
    public Map<String, Recorded> rowsByAddress(long runId, Collection<String> addresses) {
        Map<String, Recorded> rows = new HashMap<>();
        if (!addresses.isEmpty()) {
            named.query("SELECT l.row_no, l.address, r.provider_message_id FROM " + LedgerSql.AS_LOADED
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

    /**
     * Rows with a message id of ours that the provider never showed, after {@code afterRow}. A
     * message listed before its row held its id (a run restarted with rows in doubt) was kept as
     * unmatched: it was shown all the same.
     */
    public List<Recorded> unseenAfter(long runId, int afterRow, int limit) {
        return jdbc.query("SELECT r.row_no, l.address, r.provider_message_id FROM " + LedgerSql.AS_LOADED
                + " WHERE r.run_id = ? AND r.row_no > ? AND r.provider_message_id IS NOT NULL AND r.seen_at IS NULL"
                + " AND NOT EXISTS (SELECT 1 FROM unmatched_message u WHERE u.run_id = r.run_id AND u.provider_message_id = r.provider_message_id)"
                + " ORDER BY r.run_id, r.row_no LIMIT " + limit,
                (rs, n) -> new Recorded(rs.getInt("row_no"), rs.getString("address"), rs.getString("provider_message_id")),
                runId, afterRow);
    }
}
