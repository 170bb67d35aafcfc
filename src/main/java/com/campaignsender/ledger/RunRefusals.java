package com.campaignsender.ledger;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code run_refusal} table: each start of a run that was refused, by what, and why. */
@Repository
public class RunRefusals {

    /** One refused start: when, what asked for it (an upload, a schedule firing, an inbox file...) and why it was refused. */
    public record Refusal(Instant at, String startedBy, String reason) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public RunRefusals(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(long runId, String startedBy, String reason) {
        jdbc.sql("INSERT INTO run_refusal (run_id, started_by, reason, refused_at) VALUES (?, ?, ?, ?)")
                .params(runId, startedBy, reason, Timestamp.from(clock.instant())).update();
    }

    public List<Refusal> of(long runId) {
        return jdbc.sql("SELECT started_by, reason, refused_at FROM run_refusal WHERE run_id = ? ORDER BY id").param(runId)
                .query((rs, n) -> new Refusal(rs.getTimestamp("refused_at").toInstant(), rs.getString("started_by"),
                        rs.getString("reason")))
                .list();
    }
}
