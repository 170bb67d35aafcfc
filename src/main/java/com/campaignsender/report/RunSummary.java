package com.campaignsender.report;

import java.time.Instant;
import java.util.Map;

/**
 * {@code summary.json}: how many rows came in, how many the ledger accounts for (they must be
 * equal), the count per final state, and what the sending cost in requests and time.
 */
public record RunSummary(long runId, String campaign, String recipientsFile, String recipientsSha256,
        Integer rowsIn, long rowsAccountedFor, Map<String, Long> states, long attempts, long retries,
        long segments, Instant startedAt, Instant reportedAt, double durationSeconds, double messagesPerSecond,
        Map<String, Long> topRejectReasons) {

    public boolean complete() {
        return rowsIn != null && rowsIn == rowsAccountedFor;
    }
}
