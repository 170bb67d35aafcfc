package com.campaignsender.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.RunControl;
import com.campaignsender.ledger.SendingLedger;
import com.campaignsender.metrics.CampaignMeters;
import com.campaignsender.system.ShutdownSignal;

/**
 * The send-window step: when a send pass has sent every row it may and the rest wait for their
 * window, the run waits, RUNNING, until the first of those windows opens (overnight, if need be),
 * and the next pass sends what it opened for. Its rows are noted "waiting for the send window"
 * and the run's record says how many and until when, for every instance's API and page. A wait
 * is read on the clock, looked at every second, and ends early for a pause, a cancel or a stop
 * of the process (the run is then STOPPED, and resumes waiting when it is run again). While it
 * waits, the campaign's {@code campaign.rows.waiting} says how many rows it holds.
 */
@Component
@JobScope
class SendWindowWait {

    private static final Logger log = LoggerFactory.getLogger(SendWindowWait.class);
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final long runId;
    private final SendWindowGate window;
    private final SendingLedger ledger;
    private final CampaignRuns runs;
    private final RunControlWatch control;
    private final ShutdownSignal shutdown;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final AtomicLong rowsWaiting;

    SendWindowWait(RunContext run, SendingLedger ledger, CampaignRuns runs, ShutdownSignal shutdown,
            TransactionTemplate ownTransaction, Clock clock, CampaignMeters meters) {
        this.runId = run.runId();
        this.window = new SendWindowGate(run.definition().sendWindow(), clock);
        this.ledger = ledger;
        this.runs = runs;
        this.control = new RunControlWatch(runId, runs, clock);
        this.shutdown = shutdown;
        this.ownTransaction = ownTransaction;
        this.clock = clock;
        this.rowsWaiting = meters.rowsWaiting(run.definition().name());
    }

    /** The run's PENDING rows that wait for their window now, if any: the settle step then leads here. */
    Optional<CampaignRun.Waiting> waiting() {
        return window.limits() ? window.waiting(ledger.pendingByZone(runId)) : Optional.empty();
    }

    /** Waits for the first window of the rows that wait, if any. */
    void await() throws InterruptedException {
        Optional<CampaignRun.Waiting> waiting = waiting();
        if (waiting.isEmpty()) {
            return;
        }
        Instant until = waiting.get().until();
        ownTransaction.executeWithoutResult(status -> {
            ledger.notePending(runId, SendWindowGate.WAITING);
            runs.recordWaiting(runId, waiting);
        });
        log.info("Run {}: {} row(s) wait for the send window ({}); the next opens at {}. The run waits (Ctrl-C stops it;"
                + " run it again to go on).", runId, waiting.get().rows(), window.describe(), MINUTES.format(until));
        rowsWaiting.set(waiting.get().rows());
        try {
            for (Instant now = clock.instant(); now.isBefore(until); now = clock.instant()) {
                Optional<RunControl> asked = control.now();
                if (asked.equals(Optional.of(RunControl.PAUSE))) {
                    throw RunHaltedException.paused(runId);
                }
                if (asked.equals(Optional.of(RunControl.CANCEL))) {
                    control.cancel(ledger, ownTransaction);
                    return;
                }
                Duration left = Duration.between(now, until);
                shutdown.pause(left.compareTo(RunControlWatch.LOOK_EVERY) < 0 ? left : RunControlWatch.LOOK_EVERY);
            }
            log.info("Run {}: the send window opens; sending goes on", runId);
        }
        finally {
            rowsWaiting.set(0);
            runs.recordWaiting(runId, Optional.empty());
        }
    }
}
