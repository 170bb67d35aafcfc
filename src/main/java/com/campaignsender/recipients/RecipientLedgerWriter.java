package com.campaignsender.recipients;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.ListLoading;
import com.campaignsender.ledger.NewRecipient;
import com.campaignsender.ledger.RowReason;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Load step, per chunk: rejects the rows whose address an earlier row already holds (earlier in
 * this chunk, or already in the ledger) and the rows whose address is suppressed, then inserts
 * the chunk in one batch: two lookups and one insert per chunk, never one per row. The load step
 * is single-threaded, so "earlier" is well defined.
 */
public class RecipientLedgerWriter implements ItemWriter<NewRecipient> {

    private final long runId;
    private final ListLoading ledger;
    private final SuppressionList suppression;

    public RecipientLedgerWriter(long runId, ListLoading ledger, SuppressionList suppression) {
        this.runId = runId;
        this.ledger = ledger;
        this.suppression = suppression;
    }

    @Override
    public void write(Chunk<? extends NewRecipient> chunk) {
        List<String> addresses = chunk.getItems().stream()
                .filter(r -> r.state() == DeliveryState.PENDING)
                .map(NewRecipient::address)
                .toList();
        Map<String, Integer> firstRows = new HashMap<>(ledger.firstRowsOf(runId, addresses));
        Map<String, SuppressionList.Entry> suppressed = suppression.find(addresses);
        List<NewRecipient> rows = new ArrayList<>(chunk.size());
        for (NewRecipient recipient : chunk) {
            if (recipient.state() != DeliveryState.PENDING) {
                rows.add(recipient);
                continue;
            }
            Integer first = firstRows.putIfAbsent(recipient.address(), recipient.row());
            SuppressionList.Entry entry = suppressed.get(recipient.address());
            rows.add(first != null ? recipient.rejected(RowReason.of("duplicate of row %s", RowReason.own(first)))
                    : entry != null ? recipient.rejected(entry.asRowReason()) : recipient);
        }
        ledger.insert(runId, rows);
    }
}
