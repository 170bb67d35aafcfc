package com.campaignsender.recipients;

import java.time.Duration;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.campaignsender.ledger.NewRecipient;

/**
 * How the list's load stands, for a send step that runs beside it (the first message goes out
 * while a long list still loads): whether more rows may come, and a wait for the load's next
 * commit. The load step tells it, as its listener, of each chunk once committed and of its end,
 * however it ended; a load finished in an earlier execution of the run is over from the start.
 */
public final class LoadProgress implements ChunkListener<CsvRow, NewRecipient>, StepExecutionListener {

    private boolean over;
    private long commits;

    private LoadProgress(boolean over) {
        this.over = over;
    }

    /** A load still to run (or running) in this job execution. */
    public static LoadProgress toCome() {
        return new LoadProgress(false);
    }

    /** A list loaded already: nothing more will come. */
    public static LoadProgress loaded() {
        return new LoadProgress(true);
    }

    /** How many chunks the load has committed: taken before a read, so that {@link #awaitMoreThan} misses none. */
    public synchronized long commits() {
        return commits;
    }

    public synchronized boolean over() {
        return over;
    }

    /** Waits, at most {@code timeout}, until the load has committed more than {@code commits} chunks or ended. */
    public synchronized void awaitMoreThan(long seen, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); !over && commits == seen && left > 0; left = until - System.nanoTime()) {
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public void afterChunk(Chunk<NewRecipient> chunk) {
        // Inside the chunk's transaction: its rows are for others to read once it commits.
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    committed();
                }
            });
        }
        else {
            committed();
        }
    }

    @Override
    public synchronized ExitStatus afterStep(StepExecution stepExecution) {
        over = true;
        notifyAll();
        return stepExecution.getExitStatus();
    }

    private synchronized void committed() {
        commits++;
        notifyAll();
    }
}
