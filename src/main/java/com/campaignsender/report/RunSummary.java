package com.campaignsender.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.json}: how many rows came in, how many the ledger accounts for (they must be
 * equal), the count per final state, and what the sending cost: requests ({@code attempts}, of
 * which {@code retries} beyond the first per message and {@code rateLimited} answered 429), time
 * from start to report, time spent sending, and requests per second while sending; the commonest
 * reasons rows were rejected, with the first few rows of each ({@code rejectReasonRows}).
 */
public record RunSummary(long runId, String campaign, boolean dryRun, String recipientsFile, String recipientsSha256,
        Integer rowsIn, long rowsAccountedFor, Map<String, Long> states, long attempts, long retries, long rateLimited,
        long segments, Instant startedAt, Instant reportedAt, double durationSeconds, double sendingSeconds,
        double attemptsPerSecond, Map<String, Long> topRejectReasons, Map<String, List<Integer>> rejectReasonRows,
        Map<String, Long> discrepancies) {

    public RunSummary {
        // A summary.json written before the rows were kept has none.
        rejectReasonRows = rejectReasonRows == null ? Map.of() : rejectReasonRows;
    }

    /** The first rows rejected for {@code reason}, as far as the summary kept them. */
    public List<Integer> rowsRejectedFor(String reason) {
        return rejectReasonRows.getOrDefault(reason, List.of());
    }

    public boolean complete() {
        return rowsIn != null && rowsIn == rowsAccountedFor;
    }
}
