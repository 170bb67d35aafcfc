package com.campaignsender.ledger;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The ledger as the load step writes it: each row of the list, once, as loaded ({@code list_row},
 * which nothing updates) and as it stands ({@code recipient}), a chunk in one batch; and the
 * lookup of earlier rows that dedupe needs.
 */
@Repository
public class ListLoading {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Clock clock;
    private final JsonMapper json;

    public ListLoading(JdbcTemplate jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.clock = clock;
        this.json = json;
    }

    /** {@link LedgerEvent#LOADED}: the rows of a chunk of the list, each PENDING or REJECTED. */
    public void insert(long runId, List<NewRecipient> rows) {
        rows.forEach(row -> LedgerEvent.LOADED.from(row.state()));
        Timestamp now = LedgerSql.now(clock);
        jdbc.batchUpdate("INSERT INTO list_row (run_id, row_no, address, fields) VALUES (?, ?, ?, ?)",
                rows, rows.size(), (ps, row) -> {
                    ps.setLong(1, runId);
                    ps.setInt(2, row.row());
                    ps.setString(3, row.address());
                    ps.setString(4, json.writeValueAsString(row.fields()));
                });
        jdbc.batchUpdate("INSERT INTO recipient (run_id, row_no, state, error, reason_group, time_zone, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", rows, rows.size(), (ps, row) -> {
                    ps.setLong(1, runId);
                    ps.setInt(2, row.row());
                    ps.setString(3, row.state().name());
                    ps.setString(4, LedgerSql.truncate(row.error()));
                    ps.setString(5, row.reason() == null || row.reason().group().equals(row.reason().text()) ? null
                            : LedgerSql.truncate(row.reason().group()));
                    ps.setString(6, row.timeZone());
                    ps.setTimestamp(7, now);
                });
    }

    /** The first row that holds each of these addresses, for the ones already in the ledger. */
    public Map<String, Integer> firstRowsOf(long runId, Collection<String> addresses) {
        Map<String, Integer> rows = new HashMap<>();
        if (addresses.isEmpty()) {
            return rows;
        }
        named.query("SELECT l.address, l.row_no FROM " + LedgerSql.AS_LOADED
                + " WHERE l.address IN (:addresses) AND l.run_id = :run AND r.state <> 'REJECTED'",
                new MapSqlParameterSource("run", runId).addValue("addresses", addresses),
                rs -> {
                    rows.merge(rs.getString("address"), rs.getInt("row_no"), Math::min);
                });
        return rows;
    }
}
