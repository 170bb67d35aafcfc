package com.campaignsender.send;

import java.io.Console;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.LedgerReadings;
import com.campaignsender.recipients.LoadProgress;

/**
 * Progress of a send pass: rows done of the rows to send, the rate, and the time left. On a
 * terminal it is one line rewritten after every chunk; elsewhere (cron, a service's log) it is a
 * log line every {@link #LOG_EVERY}.
 */
class ProgressReporter implements StepExecutionListener, ItemWriteListener<OutgoingMessage> {

    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);
    static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private final long runId;
    private final LedgerReadings ledger;
    private final Clock clock;
    private final Supplier<Optional<String>> held;
    private final AtomicLong rowsWaiting;
    private final LoadProgress load;
    private final Console console = System.console();
    private long total;
    private long done;
    private Instant started;
    private Instant lastLogged;
    /** The pass began while the list still loaded: its total is known once the load ends. */
    private boolean loading;
    /** What the pass does to a row, as the line says it: a dry run sends nothing. */
    private final String doing;

    /**
     * {@code held}: what holds the sending back now, if anything (the account unavailable since
     * when); {@code rowsWaiting}: the campaign's {@code campaign.rows.waiting}, kept at the rows
     * the pass has still to send; {@code load}: the list's load, which may still go on beside the pass.
     */
    ProgressReporter(long runId, boolean dryRun, LedgerReadings ledger, Clock clock, Supplier<Optional<String>> held,
            AtomicLong rowsWaiting, LoadProgress load) {
        this.doing = dryRun ? " (dry run): would send " : ": sent ";
        this.held = held;
        this.load = load;
        this.rowsWaiting = rowsWaiting;
        this.runId = runId;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        loading = !load.over();
        start(pending(), clock.instant());
    }

    /** This pass sends no more; a send window's wait counts its own rows. */
    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        rowsWaiting.set(0);
        return null;
    }

    /** A pass of {@code rows} rows to send begins {@code at}. */
    void start(long rows, Instant at) {
        total = rows;
        done = 0;
        rowsWaiting.set(rows);
        started = at;
        lastLogged = at;
    }

    @Override
    public void afterWrite(Chunk<? extends OutgoingMessage> items) {
        count(items);
        if (loading && load.over()) {
            loading = false;
            total = done + pending(); // counted once, not at every chunk: a count of a long list's rows is not free
            rowsWaiting.set(Math.max(0, total - done));
        }
        Instant now = clock.instant();
        String line = line(now);
        if (console != null) {
            console.writer().print("\r" + line + (!loading && done >= total ? "\n" : ""));
            console.writer().flush();
        }
        else if (!now.isBefore(lastLogged.plus(LOG_EVERY)) || (!loading && done >= total)) {
            log.info(line);
            lastLogged = now;
        }
    }

    private long pending() {
        return ledger.countByState(runId).getOrDefault(DeliveryState.PENDING, 0L);
    }

    void count(Chunk<? extends OutgoingMessage> items) {
        done += items.size();
        rowsWaiting.set(Math.max(0, total - done));
    }

    String line(Instant now) {
        double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
        double rate = done / seconds;
        if (loading) {
            return String.format("Run %d%s%d, %.1f/s; the list is still loading", runId, doing, done, rate) + heldBack();
        }
        long left = rate > 0 ? Math.round((total - done) / rate) : 0;
        return String.format("Run %d%s%d of %d (%.0f%%), %.1f/s, %s left", runId, doing, done, total,
                total == 0 ? 100.0 : 100.0 * done / total, rate, Duration.ofSeconds(left).toString().substring(2).toLowerCase())
                + heldBack();
    }

    /** What holds the sending back, if anything, as the line's last part. */
    private String heldBack() {
        return held.get().map(reason -> "; " + reason).orElse("");
    }
}
