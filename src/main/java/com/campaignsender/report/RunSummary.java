package com.campaignsender.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.campaignsender.metrics.MeterReading;

/**
 * {@code summary.json}: how many rows came in, how many the ledger accounts for (they must be
 * equal), the count per final state, and what the sending cost: requests ({@code attempts}, of
 * which {@code retries} beyond the first per message and {@code rateLimited} answered 429), time
 * from start to report, time spent sending, and requests per second while sending; the commonest
 * reasons rows were rejected, with the first few rows of each ({@code rejectReasonRows}); the
 * messages each process sent ({@code workers}, by {@code host:pid}: a cluster's workers, or the one
 * process that sent the run); and
 * {@code metrics}, the meters of the run's sending as the process that sent it measured them
 * (the same names and tags {@code /actuator/prometheus} serves: a {@code run} from cron writes
 * them here rather than to a Pushgateway).
 */
public record RunSummary(long runId, String campaign, boolean dryRun, String recipientsFile, String recipientsSha256,
        String snapshotSha256, Integer rowsIn, long rowsAccountedFor, Map<String, Long> states, long attempts, long retries, long rateLimited,
        long segments, Instant startedAt, Instant reportedAt, double durationSeconds, double sendingSeconds,
        double attemptsPerSecond, Map<String, Long> topRejectReasons, Map<String, List<Integer>> rejectReasonRows,
        Map<String, Long> discrepancies, Map<String, Long> workers, List<MeterReading> metrics) {

    public RunSummary {
        workers = workers == null ? Map.of() : workers;
        // A summary.json written before the rows were kept has none.
        rejectReasonRows = rejectReasonRows == null ? Map.of() : rejectReasonRows;
        metrics = metrics == null ? List.of() : metrics;
    }

    /** The first rows rejected for {@code reason}, as far as the summary kept them. */
    public List<Integer> rowsRejectedFor(String reason) {
        return rejectReasonRows.getOrDefault(reason, List.of());
    }

    /** The name of the file the list came from (an upload's own name: it is kept in a folder of its own). */
    public String listName() {
        return Path.of(recipientsFile).getFileName().toString();
    }

    public boolean complete() {
        return rowsIn != null && rowsIn == rowsAccountedFor;
    }
}
