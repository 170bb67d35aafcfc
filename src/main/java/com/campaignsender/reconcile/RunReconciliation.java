package com.campaignsender.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.campaignsender.account.ProviderAccount;
import com.campaignsender.definition.CampaignDefinition.ReconcileSettings;
import com.campaignsender.gateway.ProviderException;
import com.campaignsender.gateway.ProviderStatus;
import com.campaignsender.gateway.StatusFeed;
import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.LedgerReadings;
import com.campaignsender.ledger.StatusLedger;
import com.campaignsender.system.ShutdownSignal;

/**
 * One run's reconciliation (SPEC section 6, step 4), from its first send to its report.
 * <p>
 * With a provider that lists by creation time, it reads while the run still sends: every poll
 * interval, the span the {@link CreationHorizon} has closed is cut into slices and read (a slice
 * is first read once its messages are a poll interval old, so that most are final by then), and
 * the slices that still showed messages in flight are read again. When sending is over,
 * {@link #finish} cuts the rest of the span and goes on until no slice shows the run's messages in
 * flight or {@code reconcile.timeout} passes: by then most of the run is final, and what remains is
 * the tail. Infobip hands out each delivery report once only, and a report may come before its
 * row's answer is recorded, so its reports are drained after sending, several readers at once.
 */
public class RunReconciliation implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunReconciliation.class);

    private final CampaignRun run;
    private final ReconcileSettings settings;
    private final StatusFeed feed;
    private final CreationHorizon horizon;
    private final RunListing listing;
    private final StatusRecorder recorder;
    private final LedgerReadings ledger;
    private final Clock clock;
    private final ShutdownSignal shutdown;
    private final String source;
    private final ExecutorService readers;
    private ScheduledExecutorService overlap;
    /** Asked of the overlapped readers between pages: the reconcile step takes over, or the job ends. */
    private volatile boolean overlapStopping;

    RunReconciliation(CampaignRun run, ReconcileSettings settings, StatusFeed feed, ProviderAccount account,
            StatusRecorder recorder, LedgerReadings ledger, StatusLedger statuses, Clock clock, ShutdownSignal shutdown, String source) {
        this.run = run;
        this.settings = settings;
        this.feed = feed;
        this.recorder = recorder;
        this.ledger = ledger;
        this.clock = clock;
        this.shutdown = shutdown;
        this.source = source;
        this.horizon = new CreationHorizon(clock);
        AtomicInteger readerNumber = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(settings.concurrency(),
                daemon(() -> "reconcile-" + run.id() + "-" + readerNumber.incrementAndGet()));
        this.listing = feed instanceof StatusFeed.ByCreation byCreation
                ? new RunListing(run.id(), StatusReconciler.listingStart(run), byCreation, recorder, statuses, account, readers,
                        settings.concurrency(), source)
                : null;
    }

    /** What the sending tells the reconciliation of what it may read. */
    public CreationHorizon horizon() {
        return horizon;
    }

    /** Messages in flight the settle step found for requests that got no answer: read until final. */
    public void watch(List<ProviderStatus> found) {
        if (listing != null) {
            found.forEach(listing::watch);
        }
    }

    /** Starts reading behind the sending, unless already started or the provider's feed cannot be read early. */
    public synchronized void startOverlapping() {
        if (listing == null || overlap != null) {
            return;
        }
        overlap = Executors.newSingleThreadScheduledExecutor(daemon(() -> "reconcile-" + run.id()));
        long interval = settings.pollInterval().toMillis();
        overlap.scheduleWithFixedDelay(this::readBehindSending, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** One overlapped pass; a fault is logged and tried again next interval, never the sending's concern. */
    private void readBehindSending() {
        try {
            horizon.now().ifPresent(closed -> listing.cutUpTo(closed.minus(settings.pollInterval())));
            listing.pass(() -> overlapStopping || shutdown.requested());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (RuntimeException ex) {
            log.warn("Run {}: reading statuses while sending failed, to be tried again: {}", run.id(), ex.toString());
        }
    }

    /**
     * Sending is over: reads until none of the run's messages is in flight or the timeout passes.
     * Answers how many messages are still in flight then.
     */
    public long finish() throws InterruptedException {
        stopOverlapping();
        horizon.over();
        Instant deadline = clock.instant().plus(settings.timeout());
        BooleanSupplier stop = () -> shutdown.requested() || !clock.instant().isBefore(deadline);
        if (listing != null) {
            ledger.lastSentAt(run.id()).ifPresent(listing::cutUpTo);
            listing.cutTheRest();
        }
        if (feed instanceof StatusFeed.Bounces bounces) {
            // A relay has nothing more to tell: its bounces so far are read once; later ones by `reconcile` and `serve`.
            try {
                bounces.drain(page -> recorder.record(page, source));
            }
            catch (ProviderException ex) {
                log.warn("Run {}: {}; the bounces are read again by `reconcile {}` and by `serve`", run.id(), ex.getMessage(),
                        run.id());
            }
            return inFlight();
        }
        while (true) {
            boolean more = listing != null ? listing.pass(stop) > 0 : drainReports(stop);
            if (!more || stop.getAsBoolean()) {
                break;
            }
            shutdown.pause(min(settings.pollInterval(), Duration.between(clock.instant(), deadline)));
        }
        long inFlight = inFlight();
        if (listing != null) {
            log.info("Run {}: the provider's listing of the run read in {}", run.id(), listing.effort());
        }
        if (listing != null && !listing.unread().isEmpty()) {
            log.warn("Run {}: {} slices of the provider's listing could not be read whole ({}); the report's"
                    + " discrepancies may name messages in them as unknown to the provider", run.id(),
                    listing.unread().size(), listing.unread());
        }
        if (inFlight > 0) {
            log.info("Run {}: {} messages still in flight after {}; `reconcile {}` polls again later",
                    run.id(), inFlight, settings.timeout(), run.id());
        }
        return inFlight;
    }

    /** Several readers drain the reports at once; answers whether the run still has messages in flight. */
    private boolean drainReports(BooleanSupplier stop) throws InterruptedException {
        StatusFeed.Reports reports = (StatusFeed.Reports) feed;
        List<Future<?>> drains = new ArrayList<>();
        for (int i = 0; i < settings.concurrency(); i++) {
            drains.add(readers.submit(() -> reports.drain(page -> recorder.record(page, source))));
        }
        for (Future<?> drain : drains) {
            try {
                drain.get();
            }
            catch (ExecutionException ex) {
                if (!(ex.getCause() instanceof ProviderException)) {
                    throw new IllegalStateException("reading delivery reports failed unexpectedly", ex.getCause());
                }
                log.warn("Run {}: reading {}'s delivery reports failed, to be tried again: {}", run.id(), source,
                        ex.getCause().getMessage());
            }
        }
        return inFlight() > 0 && !stop.getAsBoolean();
    }

    private long inFlight() {
        return ledger.countByState(run.id()).getOrDefault(DeliveryState.ACCEPTED, 0L);
    }

    /** Waits for a pass under way to stop at its readers' next page, so that no slice has two readers. */
    private synchronized void stopOverlapping() throws InterruptedException {
        if (overlap != null) {
            overlapStopping = true;
            overlap.shutdown();
            overlap.awaitTermination(10, TimeUnit.MINUTES);
            overlap = null;
        }
    }

    /** The job is over, however it ended. */
    @Override
    public void close() throws InterruptedException {
        stopOverlapping();
        readers.shutdownNow();
    }

    /** The run's threads never keep the process alive: a job that ends closes them, and so does a process that ends. */
    private static ThreadFactory daemon(Supplier<String> name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name.get());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static Duration min(Duration a, Duration b) {
        Duration smaller = a.compareTo(b) <= 0 ? a : b;
        return smaller.isNegative() ? Duration.ZERO : smaller;
    }
}
