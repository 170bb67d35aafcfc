package com.campaignsender.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.campaignsender.account.ProviderAccount;
import com.campaignsender.gateway.ProviderException;
import com.campaignsender.gateway.ProviderStatus;
import com.campaignsender.gateway.StatusFeed;
import com.campaignsender.ledger.StatusLedger;

/**
 * The provider's listing of one run's span, read as slices by creation time (VoIPBIN's page
 * token is a creation time, so a listing can begin anywhere), several at once, each request
 * within the account's budget. One pass serves statuses and the discrepancy check: each page is
 * recorded, and marks the run's messages on it seen. A slice is read whole once; after that only
 * while it still shows messages of the run in flight that the ledger (a webhook, say) has not
 * settled meanwhile. A slice that fails half way goes on from its last recorded page next pass.
 * <p>
 * Not thread-safe: one caller at a time (the overlapped poller, then the reconcile step).
 */
final class RunListing {

    private static final Logger log = LoggerFactory.getLogger(RunListing.class);
    /** Slices shorter than this are not cut finer: a second of sending is a few pages. */
    private static final Duration FINEST = Duration.ofSeconds(1);
    /** How many slices a span is cut into per reader, at most: enough to keep every reader busy to the end. */
    private static final int SLICES_PER_READER = 4;
    /**
     * Pages are recorded together up to this many statuses: each record is a commit, and a commit
     * was most of what a page cost (H2 writes every commit to its file at once), more than the
     * updates in it. A read that stops half way loses none of them (they are recorded first).
     */
    private static final int RECORDED_TOGETHER = 1_000;

    private final long runId;
    private final StatusFeed.ByCreation feed;
    private final StatusRecorder recorder;
    private final StatusLedger ledger;
    private final ProviderAccount account;
    private final ExecutorService readers;
    private final int concurrency;
    private final String source;
    private final List<ListingSlice> slices = new ArrayList<>();
    /** Where the next slice begins; null once the last one, open to the newest, is cut. */
    private Instant cutFrom;
    private final Queue<ProviderStatus> watched = new ConcurrentLinkedQueue<>();
    private final AtomicLong pagesRead = new AtomicLong();
    private final AtomicLong sliceReads = new AtomicLong();

    RunListing(long runId, Instant since, StatusFeed.ByCreation feed, StatusRecorder recorder, StatusLedger ledger,
            ProviderAccount account, ExecutorService readers, int concurrency, String source) {
        this.runId = runId;
        this.cutFrom = since;
        this.feed = feed;
        this.recorder = recorder;
        this.ledger = ledger;
        this.account = account;
        this.readers = readers;
        this.concurrency = concurrency;
        this.source = source;
    }

    /** Cuts the span from the last cut up to {@code upTo} into slices, as many as keep the readers busy. */
    void cutUpTo(Instant upTo) {
        if (cutFrom == null || !upTo.isAfter(cutFrom)) {
            return;
        }
        Duration span = Duration.between(cutFrom, upTo);
        long parts = Math.max(1, Math.min((long) concurrency * SLICES_PER_READER, span.dividedBy(FINEST)));
        Duration part = span.dividedBy(parts);
        for (long i = 0; i < parts; i++) {
            Instant end = i == parts - 1 ? upTo : cutFrom.plus(part);
            slices.add(new ListingSlice(cutFrom, end));
            cutFrom = end;
        }
    }

    /** Cuts the rest of the span, open to the newest message: once sending is over. */
    void cutTheRest() {
        if (cutFrom != null) {
            slices.add(new ListingSlice(cutFrom, null));
            cutFrom = null;
        }
    }

    /**
     * Reads every slice that needs it, {@code concurrency} at a time, until done or {@code stop};
     * answers how many slices still need a read (not read whole yet, or showing the run's messages
     * in flight).
     */
    int pass(BooleanSupplier stop) throws InterruptedException {
        for (ProviderStatus found = watched.poll(); found != null; found = watched.poll()) {
            watchInItsSlice(found);
        }
        List<Future<Boolean>> reads = new ArrayList<>();
        for (ListingSlice slice : slices) {
            reads.add(readers.submit(() -> read(slice, stop)));
        }
        int pending = 0;
        for (Future<Boolean> read : reads) {
            try {
                pending += read.get() ? 1 : 0;
            }
            catch (ExecutionException ex) {
                throw new IllegalStateException("reading the provider's listing failed unexpectedly", ex.getCause());
            }
        }
        return pending;
    }

    /**
     * A message of the run in flight that the listing may have shown before its row held its id
     * (the settle step found it for a request that got no answer): its slice, if read already, is
     * read again until it is final. Taken up by the next pass; callable while one runs.
     */
    void watch(ProviderStatus found) {
        if (found.createdAt() != null) {
            watched.add(found);
        }
    }

    private void watchInItsSlice(ProviderStatus found) {
        slices.stream().filter(slice -> slice.readWhole && slice.covers(found.createdAt())).findFirst()
                .ifPresent(slice -> slice.watch(found.providerMessageId()));
    }

    /** What reading the run's span took so far: slices cut, times a slice was read (whole or on), pages. */
    String effort() {
        return slices.size() + " slices, " + sliceReads.get() + " slice reads, " + pagesRead.get() + " pages";
    }

    /** Slices not yet read whole: what the record still lacks when a run gives up waiting. */
    List<ListingSlice> unread() {
        return slices.stream().filter(slice -> !slice.readWhole).toList();
    }

    /** Reads the slice if it needs it; answers whether it needs another read. */
    private boolean read(ListingSlice slice, BooleanSupplier stop) throws InterruptedException {
        if (slice.readWhole && (slice.inFlightCount == 0 || settledMeanwhile(slice))) {
            slice.inFlightCount = 0;
            slice.inFlight.clear();
            return false;
        }
        if (account.awaitReadTurn(stop) == ProviderAccount.Turn.STOPPED) {
            return true;
        }
        sliceReads.incrementAndGet();
        List<ProviderStatus> unrecorded = new ArrayList<>();
        boolean halfWay = false;
        try {
            feed.list(slice.from, slice.resumeBefore != null ? slice.resumeBefore : slice.before, page -> {
                pagesRead.incrementAndGet();
                unrecorded.addAll(page);
                if (unrecorded.size() >= RECORDED_TOGETHER) {
                    record(slice, unrecorded);
                }
                awaitNextTurn(stop);
            });
        }
        catch (ReadStopped ex) {
            halfWay = true;
        }
        catch (ProviderException ex) {
            log.warn("Run {}: reading the provider's listing {} stopped half way, to be read on from there: {}",
                    runId, slice, ex.getMessage());
            halfWay = true;
        }
        record(slice, unrecorded); // what was read before a stop or a failure is kept: the next read goes on after it
        if (halfWay) {
            return true;
        }
        slice.readToTheEnd();
        return slice.inFlightCount > 0;
    }

    /** Records the pages read and not yet recorded, in one transaction; a failure after them goes on from the oldest. */
    private void record(ListingSlice slice, List<ProviderStatus> unrecorded) {
        if (!unrecorded.isEmpty()) {
            Set<String> inFlight = recorder.recordListed(runId, unrecorded, source);
            slice.readDownTo(oldest(unrecorded), inFlight);
            unrecorded.clear();
        }
    }

    /**
     * Whether the ledger has settled every message the slice last showed in flight (a webhook,
     * another run's read); unknown, so no, when there were too many to keep.
     */
    private boolean settledMeanwhile(ListingSlice slice) {
        return slice.inFlight.size() == slice.inFlightCount && ledger.stillInFlight(slice.inFlight).isEmpty();
    }

    /** Before the next page's request: the listing calls back between pages, which is where a stop ends a read. */
    private void awaitNextTurn(BooleanSupplier stop) {
        try {
            if (account.awaitReadTurn(stop) == ProviderAccount.Turn.STOPPED) {
                throw new ReadStopped();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ReadStopped();
        }
    }

    /** A read ended between two pages by a stop: the slice goes on from its last recorded page. */
    private static final class ReadStopped extends RuntimeException {

        ReadStopped() {
            super(null, null, false, false);
        }
    }

    private static Instant oldest(List<ProviderStatus> page) {
        return page.stream().map(ProviderStatus::createdAt).filter(created -> created != null)
                .min(Instant::compareTo).orElse(null);
    }
}
