package com.campaignsender.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The ledger as the report, the pages and the commands read it: how many rows are in each state,
 * every row in input order, a row's address, when the run's last request left.
 */
@Repository
public class LedgerReadings {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public LedgerReadings(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** How many of the run's rows are in each state. */
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
            page = jdbc.query("SELECT r.*, l.address, l.fields FROM " + LedgerSql.AS_LOADED
                    + " WHERE r.run_id = ? AND r.row_no > ? ORDER BY r.run_id, r.row_no LIMIT " + LedgerSql.PAGE,
                    (rs, n) -> line(rs), runId, after);
            page.forEach(action);
            after = page.isEmpty() ? after : page.get(page.size() - 1).row();
        } while (page.size() == LedgerSql.PAGE);
    }

    private LedgerLine line(ResultSet rs) throws SQLException {
        return new LedgerLine(rs.getInt("row_no"), rs.getString("address"), DeliveryState.valueOf(rs.getString("state")),
                rs.getString("provider"), rs.getString("provider_message_id"), rs.getString("provider_status"),
                rs.getInt("attempts"), rs.getObject("segments", Integer.class), rs.getString("error"), rs.getString("reason_group"),
                LedgerSql.instant(rs.getTimestamp("sent_at")),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("sent_by"), LedgerSql.fields(json, rs));
    }

    /**
     * One page of the run's rows in input order, of one state or all: what a run's page lists
     * ({@code offset} rows skipped; the state index serves a state's rows in row order).
     */
    public List<LedgerLine> page(long runId, Optional<DeliveryState> state, int offset, int size) {
        return jdbc.query("SELECT r.*, l.address, l.fields FROM " + LedgerSql.AS_LOADED + " WHERE r.run_id = ?"
                + state.map(s -> " AND r.state = '" + s.name() + "'").orElse("")
                + " ORDER BY r.row_no LIMIT " + size + " OFFSET " + offset, (rs, n) -> line(rs), runId);
    }

    /** How many of a run's rows that were not delivered share a reason ({@code reason} null: the provider's status alone). */
    public record ReasonCount(DeliveryState state, String reason, String providerStatus, long rows) {
    }

    /**
     * The commonest reasons of the run's rows that were not delivered (without each row's own
     * values), most first: the rows of those states only, which the state index finds.
     */
    public List<ReasonCount> topReasons(long runId, int most) {
        return jdbc.query("SELECT r.state, COALESCE(r.reason_group, r.error) AS reason, r.provider_status, COUNT(*) AS n"
                + " FROM recipient r WHERE r.run_id = ? AND r.state IN ('REJECTED', 'BOUNCED', 'FAILED', 'EXPIRED',"
                + " 'UNKNOWN', 'IN_DOUBT') GROUP BY r.state, COALESCE(r.reason_group, r.error), r.provider_status"
                + " ORDER BY n DESC LIMIT " + most, (rs, n) -> new ReasonCount(DeliveryState.valueOf(rs.getString("state")),
                        rs.getString("reason"), rs.getString("provider_status"), rs.getLong("n")), runId);
    }

    /** The address of a row as loaded (empty for a row without one: a malformed line). */
    public Optional<String> addressAt(long runId, int row) {
        return jdbc.queryForList("SELECT address FROM list_row WHERE run_id = ? AND row_no = ?", String.class, runId, row)
                .stream().filter(Objects::nonNull).findFirst();
    }

    /** When the run's last request left, if any did: where a listing of its span can end. */
    public Optional<Instant> lastSentAt(long runId) {
        return Optional.ofNullable(jdbc.queryForObject("SELECT MAX(sent_at) FROM recipient WHERE run_id = ?",
                Timestamp.class, runId)).map(Timestamp::toInstant);
    }
}
