package com.campaignsender.send;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.RecipientToSend;
import com.campaignsender.ledger.RowRange;
import com.campaignsender.ledger.SendingLedger;

/**
 * Send step: reads the run's PENDING rows in row order, a page at a time, keyed by row number.
 * It keeps no restart state on purpose: the ledger is the state, and on a restart or in another
 * send pass whatever is PENDING is exactly what remains to send. Under a send window it reads
 * only the rows whose window is open, as of each page: a pass ends when the rest wait. It reads
 * within its range of rows: the whole run in one process, a partition's rows in a cluster.
 */
class RecipientToSendReader implements ItemStreamReader<RecipientToSend> {

    private final long runId;
    private final RowRange range;
    private final int pageSize;
    private final SendingLedger ledger;
    private final SendWindowGate window;
    private final Deque<RecipientToSend> page = new ArrayDeque<>();
    private int lastRow;
    private boolean exhausted;
    private Set<String> zones = Set.of();

    RecipientToSendReader(long runId, RowRange range, int pageSize, SendingLedger ledger, SendWindowGate window) {
        this.runId = runId;
        this.range = range;
        this.pageSize = pageSize;
        this.ledger = ledger;
        this.window = window;
    }

    /** Each send pass of a run starts again from the first row: the rows an earlier pass left PENDING are due. */
    @Override
    public void open(ExecutionContext context) {
        page.clear();
        lastRow = range.first() - 1;
        exhausted = false;
        zones = window.limits() ? ledger.pendingByZone(runId).keySet() : Set.of();
    }

    @Override
    public RecipientToSend read() {
        fetchIfEmpty();
        RecipientToSend next = page.poll();
        if (next != null) {
            lastRow = next.row();
            // Looks ahead at once, so that the pass knows its last row when it reads it (see {@link #finished()}).
            fetchIfEmpty();
        }
        return next;
    }

    /** Whether the row read last was the pass's last one: the writer then waits for every answer of the pass. */
    boolean finished() {
        return page.isEmpty() && exhausted;
    }

    private void fetchIfEmpty() {
        if (page.isEmpty() && !exhausted) {
            page.addAll(window.limits() ? ledger.pendingRowsAfter(runId, lastRow, range, pageSize, window.openNow(zones))
                    : ledger.rowsAfter(runId, DeliveryState.PENDING, lastRow, range, pageSize));
            exhausted = page.size() < pageSize;
        }
    }
}
