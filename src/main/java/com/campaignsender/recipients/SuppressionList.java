package com.campaignsender.recipients;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import com.campaignsender.ledger.RowReason;

/**
 * The addresses that no campaign sends to, with why: a bounce or a complaint the provider
 * reported, an unsubscribe, or an operator's import. Addresses are kept in the normalised form
 * the ledger uses, so a check is an exact lookup, one query per chunk. A phone number is never
 * an email address, so one list serves both channels: a STOP suppresses a number for SMS.
 */
@Repository
public class SuppressionList {

    public enum Reason {
        BOUNCE, UNSUBSCRIBE, COMPLAINT, IMPORT,
        /** The recipient texted a stop word to the account's number; their START takes it back. */
        STOP
    }

    /** Where a suppression came from; {@code campaign} and {@code runId} when a run's message led to it (an unsubscribe link). */
    public record Origin(String source, String campaign, Long runId) {

        public static Origin of(String source) {
            return new Origin(source, null, null);
        }
    }

    /** Why and since when an address is suppressed, and where that came from (a run, a file). */
    public record Entry(String address, Reason reason, String source, Instant since) {

        public String describe() {
            return asRowReason().text();
        }

        /** As a row's reason: the time is the address's own, the kind and where it came from are shared. */
        public RowReason asRowReason() {
            return RowReason.of("suppressed: %s (%s, %s)", reason.name().toLowerCase(), source, RowReason.own(since));
        }
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Clock clock;

    public SuppressionList(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.clock = clock;
    }

    public Map<String, Entry> find(Collection<String> addresses) {
        Map<String, Entry> found = new HashMap<>();
        if (!addresses.isEmpty()) {
            named.query("SELECT address, reason, source, created_at FROM suppression WHERE address IN (:addresses)",
                    new MapSqlParameterSource("addresses", addresses),
                    rs -> {
                        found.put(rs.getString("address"), new Entry(rs.getString("address"),
                                Reason.valueOf(rs.getString("reason")), rs.getString("source"),
                                rs.getTimestamp("created_at").toInstant()));
                    });
        }
        return found;
    }

    /** Adds the addresses not suppressed yet; answers how many were added. The first reason stands. */
    public int add(Collection<String> addresses, Reason reason, String source) {
        return add(addresses, reason, Origin.of(source));
    }

    public int add(Collection<String> addresses, Reason reason, Origin origin) {
        List<String> distinct = addresses.stream().distinct().toList();
        Map<String, Entry> known = find(distinct);
        List<String> fresh = distinct.stream().filter(address -> !known.containsKey(address)).toList();
        Timestamp now = Timestamp.from(clock.instant());
        String source = origin.source().length() > 200 ? origin.source().substring(0, 200) : origin.source();
        jdbc.batchUpdate("INSERT INTO suppression (address, reason, source, campaign, run_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                fresh, fresh.size(), (ps, address) -> {
                    ps.setString(1, address);
                    ps.setString(2, reason.name());
                    ps.setString(3, source);
                    ps.setString(4, origin.campaign());
                    if (origin.runId() == null) {
                        ps.setNull(5, Types.BIGINT);
                    }
                    else {
                        ps.setLong(5, origin.runId());
                    }
                    ps.setTimestamp(6, now);
                });
        return fresh.size();
    }

    /** Takes an address off the list if it is there for {@code reason} (a START lifts a STOP, not a bounce); answers whether it was. */
    public boolean lift(String address, Reason reason) {
        return jdbc.update("DELETE FROM suppression WHERE address = ? AND reason = ?", address, reason.name()) > 0;
    }
}
