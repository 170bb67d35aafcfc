package com.campaignsender.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Every row of every run that held an address (SPEC section 22: "what happened to
 * jane@example.com?"), newest run first: an exact lookup on the list's address index.
 */
@Repository
public class AddressHistory {

    /** Enough for any real recipient's history; a search never reads a whole table. */
    static final int MOST = 500;

    /** One row that held the address, with what became of it and the run it was in. */
    public record Appearance(long runId, String campaign, RunStatus runStatus, boolean dryRun, int row, String address,
            DeliveryState state, String provider, String providerMessageId, String providerStatus, int attempts,
            String error, Instant sentAt, Instant updatedAt) {
    }

    private final NamedParameterJdbcTemplate named;

    public AddressHistory(JdbcTemplate jdbc) {
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** The rows whose address is one of {@code forms} (as the list had it, or normalised), newest run first. */
    public List<Appearance> of(Collection<String> forms) {
        if (forms.isEmpty()) {
            return List.of();
        }
        return named.query("SELECT c.id, c.campaign, c.status, c.dry_run_key, l.row_no, l.address, r.state, r.provider,"
                + " r.provider_message_id, r.provider_status, r.attempts, r.error, r.sent_at, r.updated_at FROM "
                + LedgerSql.AS_LOADED + " JOIN campaign_run c ON c.id = l.run_id WHERE l.address IN (:forms)"
                + " ORDER BY c.id DESC, l.row_no LIMIT " + MOST,
                new MapSqlParameterSource("forms", forms),
                (rs, n) -> new Appearance(rs.getLong("id"), rs.getString("campaign"), RunStatus.valueOf(rs.getString("status")),
                        !rs.getString("dry_run_key").isEmpty(), rs.getInt("row_no"), rs.getString("address"),
                        DeliveryState.valueOf(rs.getString("state")), rs.getString("provider"),
                        rs.getString("provider_message_id"), rs.getString("provider_status"), rs.getInt("attempts"),
                        rs.getString("error"), LedgerSql.instant(rs.getTimestamp("sent_at")),
                        LedgerSql.instant(rs.getTimestamp("updated_at"))));
    }
}
