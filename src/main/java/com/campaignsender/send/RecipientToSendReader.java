package com.campaignsender.send;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.RecipientToSend;
import com.campaignsender.ledger.RowRange;
import com.campaignsender.ledger.SendingLedger;
import com.campaignsender.recipients.LoadProgress;

/**
 * Send step: reads the run's PENDING rows in row order, a page at a time, keyed by row number.
 * It keeps no restart state on purpose: the ledger is the state, and on a restart or in another
 * send pass whatever is PENDING is exactly what remains to send. Under a send window it reads
 * only the rows whose window is open, as of each page: a pass ends when the rest wait. It reads
 * within its range of rows: the whole run in one process, a partition's rows in a cluster. While
 * the list still loads beside it, a pass that has read every row committed so far waits for the
 * load's next commit rather than ending: it ends once the load has ended and no row is left.
 */
class RecipientToSendReader implements ItemStreamReader<RecipientToSend> {

    /** The longest wait for the load's next commit before looking again (a commit wakes it sooner). */
    private static final Duration LOAD_WAIT = Duration.ofSeconds(1);

    private final long runId;
    private final RowRange range;
    private final int pageSize;
    private final SendingLedger ledger;
    private final SendWindowGate window;
    private final LoadProgress load;
    private final Deque<RecipientToSend> page = new ArrayDeque<>();
    private int lastRow;
    private boolean exhausted;
    private Set<String> zones = Set.of();

    RecipientToSendReader(long runId, RowRange range, int pageSize, SendingLedger ledger, SendWindowGate window,
            LoadProgress load) {
        this.runId = runId;
        this.range = range;
        this.pageSize = pageSize;
        this.ledger = ledger;
        this.window = window;
        this.load = load;
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
        while (page.isEmpty() && !exhausted) {
            boolean loaded = load.over(); // before the read: rows committed after it are read next time
            long commits = load.commits();
            page.addAll(window.limits() ? ledger.pendingRowsAfter(runId, lastRow, range, pageSize, window.openNow(zones))
                    : ledger.rowsAfter(runId, DeliveryState.PENDING, lastRow, range, pageSize));
            if (page.size() == pageSize || loaded) {
                exhausted = page.size() < pageSize;
            }
            else if (page.isEmpty()) {
                awaitTheLoad(commits); // the load has not committed the next rows yet
            }
        }
    }

    private void awaitTheLoad(long commits) {
        try {
            load.awaitMoreThan(commits, LOAD_WAIT);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the list's load", ex);
        }
    }
}
