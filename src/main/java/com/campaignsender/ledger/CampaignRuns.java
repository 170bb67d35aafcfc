package com.campaignsender.ledger;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.campaignsender.definition.RunIdentity;

/** The {@code campaign_run} table: which runs exist and how each ended. */
@Repository
public class CampaignRuns {

    private static final String COLUMNS = "id, campaign, recipients_sha256, dry_run_key, recipients_file, definition_file, columns_json, rows_in, send_millis, rate_limited, status, created_at, finished_at, waiting, waiting_until";

    private final JdbcClient jdbc;
    private final Clock clock;

    private static final TypeReference<List<String>> COLUMNS_TYPE = new TypeReference<>() {
    };

    private final JsonMapper json;

    public CampaignRuns(JdbcClient jdbc, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    public Optional<CampaignRun> find(RunIdentity identity) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign_run WHERE campaign = ? AND recipients_sha256 = ? AND dry_run_key = ''")
                .params(identity.campaign(), identity.recipientsSha256())
                .query(this::map)
                .optional();
    }

    public Optional<CampaignRun> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign_run WHERE id = ?").param(id).query(this::map).optional();
    }

    /** The runs, newest first: the order `runs`, the API and the page all show. */
    public List<CampaignRun> list(Optional<String> campaign) {
        if (campaign.isEmpty()) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM campaign_run ORDER BY id DESC").query(this::map).list();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign_run WHERE campaign = ? ORDER BY id DESC")
                .param(campaign.get())
                .query(this::map)
                .list();
    }

    /** Holds the run for an operator's review: its job loads the list and stops, READY, until {@link #giveReview}. */
    public void requireReview(long id) {
        jdbc.sql("UPDATE campaign_run SET review = 'WAITING' WHERE id = ? AND review IS NULL").param(id).update();
    }

    /** Whether the run waits for its review: its job stops after the load. */
    public boolean awaitsReview(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM campaign_run WHERE id = ? AND review = 'WAITING'").param(id)
                .query(Long.class).single() > 0;
    }

    /** An operator's Send: only a READY run waiting for it takes it; answers whether this one did. */
    public boolean giveReview(long id) {
        return jdbc.sql("UPDATE campaign_run SET review = 'GIVEN' WHERE id = ? AND status = 'READY' AND review = 'WAITING'")
                .param(id).update() == 1;
    }

    /** The READY runs created before {@code before}: their review waited too long. */
    public List<CampaignRun> readyBefore(Instant before) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign_run WHERE status = 'READY' AND created_at < ?")
                .param(Timestamp.from(before)).query(this::map).list();
    }

    /** The list files of the runs not done for good: a stopped, failed, paused or refused run may load from its list again. */
    public Set<Path> listsOfUnfinishedRuns() {
        return jdbc.sql("SELECT recipients_file FROM campaign_run WHERE status NOT IN ('COMPLETED', 'CANCELLED')")
                .query((rs, n) -> Path.of(rs.getString("recipients_file"))).set();
    }

    /** Finds the run of this identity, or creates it. The unique identity constraint settles a race. */
    public CampaignRun findOrCreate(RunIdentity identity, Path definitionFile, Path recipientsFile, List<String> columns) {
        return find(identity).orElseGet(() -> {
            try {
                insert(identity, "", definitionFile, recipientsFile, columns);
            }
            catch (DuplicateKeyException raced) {
                // Another request or service instance created it a moment ago: it is the same run.
            }
            return find(identity).orElseThrow();
        });
    }

    /** A dry run is a new run every time: it sends nothing, so it never stands in the way of the real one. */
    public CampaignRun createDryRun(RunIdentity identity, Path definitionFile, Path recipientsFile, List<String> columns) {
        String key = UUID.randomUUID().toString();
        insert(identity, key, definitionFile, recipientsFile, columns);
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign_run WHERE dry_run_key = ?").param(key).query(this::map).single();
    }

    private void insert(RunIdentity identity, String dryRunKey, Path definitionFile, Path recipientsFile, List<String> columns) {
        jdbc.sql("INSERT INTO campaign_run (campaign, recipients_sha256, dry_run_key, recipients_file, definition_file, columns_json, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(identity.campaign(), identity.recipientsSha256(), dryRunKey, recipientsFile.toString(),
                        definitionFile.toString(), json.writeValueAsString(columns), RunStatus.RUNNING.name(),
                        Timestamp.from(clock.instant()))
                .update();
    }

    /** A run refused before it ever started is REFUSED; one that started once keeps its own status. */
    public void markRefused(long id) {
        jdbc.sql("UPDATE campaign_run SET status = ? WHERE id = ? AND owner IS NULL")
                .params(RunStatus.REFUSED.name(), id).update();
    }

    public void updateStatus(long id, RunStatus status) {
        Timestamp finished = status == RunStatus.RUNNING ? null : Timestamp.from(clock.instant());
        jdbc.sql("UPDATE campaign_run SET status = ?, finished_at = ? WHERE id = ?").params(status.name(), finished, id).update();
    }

    /** Adds one send chunk's time and 429 count: the sending rate is attempts over the time spent sending. */
    public void recordSending(long id, long millis, long rateLimited) {
        jdbc.sql("UPDATE campaign_run SET send_millis = send_millis + ?, rate_limited = rate_limited + ? WHERE id = ?")
                .params(millis, rateLimited, id).update();
    }

    /**
     * Records what an operator asks of the run, if its status is one of {@code statuses}; answers
     * whether it was recorded. A CANCEL replaces a PAUSE not yet obeyed.
     */
    public boolean askControl(long id, RunControl control, Set<RunStatus> statuses) {
        String in = String.join(", ", statuses.stream().map(status -> "'" + status.name() + "'").toList());
        String notOverCancel = control == RunControl.CANCEL ? "" : " AND (control IS NULL OR control <> 'CANCEL')";
        return jdbc.sql("UPDATE campaign_run SET control = ? WHERE id = ? AND status IN (" + in + ")" + notOverCancel)
                .params(control.name(), id).update() == 1;
    }

    /** What an operator asked of the run and it has not yet obeyed. */
    public Optional<RunControl> control(long id) {
        return jdbc.sql("SELECT control FROM campaign_run WHERE id = ?").param(id).query(String.class).optional()
                .map(RunControl::valueOf);
    }

    /** Withdraws a PAUSE (obeyed, or taken back by a resume); a CANCEL is never withdrawn. */
    public void clearPause(long id) {
        jdbc.sql("UPDATE campaign_run SET control = NULL WHERE id = ? AND control = ?").params(id, RunControl.PAUSE.name())
                .update();
    }

    /** Who is sending this run (host and process), as of when: a run whose owner stopped beating was abandoned. */
    public record Lease(String owner, Instant heartbeatAt) {
    }

    public Optional<Lease> lease(long id) {
        return jdbc.sql("SELECT owner, heartbeat_at FROM campaign_run WHERE id = ? AND owner IS NOT NULL").param(id)
                .query((rs, n) -> new Lease(rs.getString("owner"), rs.getTimestamp("heartbeat_at").toInstant()))
                .optional();
    }

    public void heartbeat(long id, String owner) {
        jdbc.sql("UPDATE campaign_run SET owner = ?, heartbeat_at = ? WHERE id = ?")
                .params(owner, Timestamp.from(clock.instant()), id).update();
    }

    /** How many of the run's rows wait for their send window, and when the next one opens; empty: none waits. */
    public void recordWaiting(long id, Optional<CampaignRun.Waiting> waiting) {
        jdbc.sql("UPDATE campaign_run SET waiting = ?, waiting_until = ? WHERE id = ?")
                .params(waiting.map(CampaignRun.Waiting::rows).orElse(null),
                        waiting.map(w -> Timestamp.from(w.until())).orElse(null), id).update();
    }

    public void recordRowsIn(long id, int rowsIn) {
        jdbc.sql("UPDATE campaign_run SET rows_in = ? WHERE id = ?").params(rowsIn, id).update();
    }

    private CampaignRun map(ResultSet rs, int rowNum) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new CampaignRun(rs.getLong("id"), rs.getString("campaign"), rs.getString("recipients_sha256"),
                !rs.getString("dry_run_key").isEmpty(),
                Path.of(rs.getString("recipients_file")), Path.of(rs.getString("definition_file")),
                json.readValue(rs.getString("columns_json"), COLUMNS_TYPE),
                Optional.ofNullable(rs.getObject("rows_in", Integer.class)), Duration.ofMillis(rs.getLong("send_millis")),
                rs.getLong("rate_limited"),
                RunStatus.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant(),
                Optional.ofNullable(finished).map(Timestamp::toInstant),
                rs.getTimestamp("waiting_until") == null ? Optional.empty()
                        : Optional.of(new CampaignRun.Waiting(rs.getInt("waiting"), rs.getTimestamp("waiting_until").toInstant())));
    }
}
