package com.campaignsender.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.campaignsender.ledger.RowRange;
import com.campaignsender.ledger.SendingLedger;
import com.campaignsender.send.SendPartitionStep;

/**
 * Splits the span of a run's PENDING rows, first to last, into ranges of equal length, one per
 * partition. A first pass has nearly every row PENDING, so the ranges hold about as many rows
 * each; in a later pass (the few rows the settle step made PENDING again) some are empty, which
 * costs a worker one query. No rows PENDING: no partitions.
 */
class PendingRowPartitioner implements Partitioner {

    private final long runId;
    private final SendingLedger ledger;

    PendingRowPartitioner(long runId, SendingLedger ledger) {
        this.runId = runId;
        this.ledger = ledger;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        Optional<RowRange> span = ledger.pendingSpan(runId);
        if (span.isEmpty()) {
            return partitions;
        }
        long first = span.get().first();
        long rows = span.get().last() - first + 1;
        int count = (int) Math.min(gridSize, rows);
        for (int i = 0; i < count; i++) {
            int from = (int) (first + rows * i / count);
            int to = (int) (first + rows * (i + 1) / count - 1);
            partitions.put("partition" + i, SendPartitionStep.partition(new RowRange(from, to)));
        }
        return partitions;
    }
}
