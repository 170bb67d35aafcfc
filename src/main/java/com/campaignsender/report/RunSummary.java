package com.campaignsender.report;

import java.time.Instant;
import java.util.Map;

/**
 * {@code summary.json}: how many rows came in, how many the ledger accounts for (they must be
 * equal), the count per final state, and what the sending cost: requests ({@code attempts}, of
 * which {@code retries} beyond the first per message and {@code rateLimited} answered 429), time
 * from start to report, time spent sending, and requests per second while sending.
 */
public record RunSummary(long runId, String campaign, boolean dryRun, String recipientsFile, String recipientsSha256,
        Integer rowsIn, long rowsAccountedFor, Map<String, Long> states, long attempts, long retries, long rateLimited,
        long segments, Instant startedAt, Instant reportedAt, double durationSeconds, double sendingSeconds,
        double attemptsPerSecond, Map<String, Long> topRejectReasons, Map<String, Long> discrepancies) {

    public boolean complete() {
        return rowsIn != null && rowsIn == rowsAccountedFor;
    }
}
