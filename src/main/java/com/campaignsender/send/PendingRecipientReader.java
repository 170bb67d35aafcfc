package com.campaignsender.send;

import java.util.ArrayDeque;
import java.util.Deque;

import org.springframework.batch.infrastructure.item.ItemReader;

import com.campaignsender.ledger.PendingRecipient;
import com.campaignsender.ledger.RecipientLedger;

/**
 * Send step: reads the run's PENDING rows in row order, a page at a time, keyed by row number.
 * It keeps no restart state on purpose: the ledger is the state, and on a restart whatever is
 * still PENDING is exactly what remains to send.
 */
class PendingRecipientReader implements ItemReader<PendingRecipient> {

    private final long runId;
    private final int pageSize;
    private final RecipientLedger ledger;
    private final Deque<PendingRecipient> page = new ArrayDeque<>();
    private int lastRow;
    private boolean exhausted;

    PendingRecipientReader(long runId, int pageSize, RecipientLedger ledger) {
        this.runId = runId;
        this.pageSize = pageSize;
        this.ledger = ledger;
    }

    @Override
    public PendingRecipient read() {
        if (page.isEmpty() && !exhausted) {
            page.addAll(ledger.pendingAfter(runId, lastRow, pageSize));
            exhausted = page.size() < pageSize;
        }
        PendingRecipient next = page.poll();
        if (next != null) {
            lastRow = next.row();
        }
        return next;
    }
}
