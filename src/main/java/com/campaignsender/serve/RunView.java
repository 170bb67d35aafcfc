package com.campaignsender.serve;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.RunRefusals;
import com.campaignsender.ledger.RunStatus;

/**
 * One run as the API and the web page show it: its counts per state, how many of its rows are
 * settled ({@code progress}, 0 to 1), the starts of it that were refused, and which of its report
 * files exist yet.
 */
public record RunView(long runId, String campaign, RunStatus status, boolean dryRun, Instant createdAt, Instant finishedAt,
        Integer rowsIn, long rowsAccountedFor, Map<DeliveryState, Long> states, double progress,
        List<RunRefusals.Refusal> refusals, List<String> reportFiles) {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** Whether the run may still change: the page refreshes itself while one does. */
    public boolean active() {
        return status == RunStatus.RUNNING;
    }

    /** When the run was created, to the second, for people. */
    public String createdAtUtc() {
        return SECONDS.format(createdAt);
    }

    public String finishedAtUtc() {
        return finishedAt == null ? null : SECONDS.format(finishedAt);
    }

    /** Progress as a whole percentage, for people. */
    public long percent() {
        return Math.round(progress * 100);
    }
}
