package com.campaignsender.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.support.TransactionTemplate;

import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.RowRange;
import com.campaignsender.ledger.RunControl;
import com.campaignsender.ledger.SendResult;
import com.campaignsender.ledger.SendingLedger;
import com.campaignsender.reconcile.CreationHorizon;
import com.campaignsender.system.ProcessName;
import com.campaignsender.system.ShutdownSignal;

/**
 * Send step, per chunk: the one place messages leave. The order of ledger writes is the
 * no-duplicate rule (SPEC section 7):
 * <ol>
 * <li>the chunk's rows that could not be rendered are recorded REJECTED, and its other rows are marked
 * SENDING; that is committed before any of its requests leaves;</li>
 * <li>the requests go out, {@code limits.concurrency} at a time (see {@link MessageSender});</li>
 * <li>each chunk's outcomes are recorded once its answers are all in, in the same transaction as a
 * later chunk's SENDING marks (one commit per chunk rather than two: the ledger's writes are most
 * of the step thread's work), or on their own when no chunk follows.</li>
 * </ol>
 * A crash between 1 and 3 leaves rows SENDING, which the next start of a send step over the same
 * rows (the run restarted, or, in a cluster, the partition handed to another worker) turns into
 * IN_DOUBT rather than sending them again.
 * <p>
 * Chunks overlap: while one chunk's requests are out, the step reads and renders the next and
 * sends it behind them, so the senders do not idle while the step works (at most
 * {@value #CHUNKS_IN_FLIGHT} chunks are out). Every answer of the pass is recorded before its
 * last chunk's write returns (the reader says which chunk is the last), before a halt or a stop
 * ends the step, and, whatever else ends it, when the step closes.
 * <p>
 * When the process is stopping, that safe point runs {@code atStop}: a single process's run ends
 * there, to be resumed; a cluster's partition is handed back to the broker for another worker.
 * <p>
 * Before each chunk it also obeys what an operator asked ({@link RunControlWatch}): a pause ends
 * the step like a halt (the run is resumed when asked); a cancel records the rows never sent as
 * CANCELLED and sends nothing more, and the job goes on to settle, reconcile and report what was sent.
 */
class SendWriter implements ItemWriter<OutgoingMessage>, ItemStream {

    private static final Logger log = LoggerFactory.getLogger(SendWriter.class);

    private static final int CHUNKS_IN_FLIGHT = 2;

    /** A chunk whose requests are out: an answer to come per request. {@code markedAt}: before its rows were marked SENDING. */
    private record Batch(List<Future<SendResult>> answers, Instant markedAt, Instant sentAt) {
    }

    private final long runId;
    private final RowRange range;
    private final String provider;
    private final MessageSender sender;
    private final RunControlWatch control;
    private final int concurrency;
    private final SendingLedger ledger;
    private final CampaignRuns runs;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final ShutdownSignal shutdown;
    private final BooleanSupplier passFinished;
    private final CreationHorizon horizon;
    private final Runnable atStop;
    private final Deque<Batch> inFlight = new ArrayDeque<>();
    private ExecutorService senders;
    /** When the previous chunk's answers were all in: the time between (reading, rendering) is sending time too. */
    private Instant previousChunkEnd;

    SendWriter(long runId, RowRange range, String provider, MessageSender sender, RunControlWatch control, int concurrency,
            SendingLedger ledger, CampaignRuns runs, TransactionTemplate ownTransaction, Clock clock,
            ShutdownSignal shutdown, BooleanSupplier passFinished, CreationHorizon horizon, Runnable atStop) {
        this.runId = runId;
        this.range = range;
        this.provider = provider;
        this.sender = sender;
        this.control = control;
        this.concurrency = concurrency;
        this.ledger = ledger;
        this.runs = runs;
        this.ownTransaction = ownTransaction;
        this.clock = clock;
        this.shutdown = shutdown;
        this.passFinished = passFinished;
        this.horizon = horizon;
        this.atStop = atStop;
    }

    /** Runs when the step starts or restarts, before any send of it. */
    @Override
    public void open(ExecutionContext context) {
        ownTransaction.executeWithoutResult(status -> ledger.findCrashed(runId, range));
        if (senders == null) {
            senders = Executors.newFixedThreadPool(concurrency);
        }
        inFlight.clear();
        previousChunkEnd = null;
    }

    /** Whatever ended the step, the answers already on their way are recorded. */
    @Override
    public void close() {
        if (senders != null) {
            try {
                recordAll();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            senders.shutdownNow();
            senders = null;
        }
    }

    @Override
    public void write(Chunk<? extends OutgoingMessage> chunk) throws InterruptedException {
        // Before a new chunk is marked is where a halt, a stop or a pause ends the run, every answer recorded.
        Optional<RunControl> asked = control.now();
        if (sender.haltReason() != null || shutdown.requested() || asked.equals(Optional.of(RunControl.PAUSE))) {
            recordAll();
            if (shutdown.requested()) {
                atStop.run();
            }
            throw sender.haltReason() != null ? new RunHaltedException(sender.haltReason()) : RunHaltedException.paused(runId);
        }
        if (asked.equals(Optional.of(RunControl.CANCEL))) {
            recordAll();
            control.cancel(ledger, ownTransaction);
            return;
        }
        List<Answered> answered = answersUntilOut(CHUNKS_IN_FLIGHT - 1);
        List<SendResult> rejected = new ArrayList<>();
        List<OutgoingMessage> sendable = new ArrayList<>(chunk.size());
        for (OutgoingMessage message : chunk) {
            if (message.request() == null) {
                rejected.add(new SendResult(message.row(), DeliveryState.REJECTED, null, null, message.renderError(), null, 0));
            }
            else {
                sendable.add(message);
            }
        }
        List<Integer> rows = sendable.stream().map(OutgoingMessage::row).toList();
        Instant markedAt = clock.instant();
        horizon.out(markedAt); // before the earlier chunks' release: the horizon never passes a chunk about to leave
        try {
            ownTransaction.executeWithoutResult(status -> {
                store(answered);
                ledger.recordRendered(runId, rejected);
                ledger.claim(runId, provider, ProcessName.SELF, rows);
            });
        }
        catch (RuntimeException ex) {
            horizon.recorded(markedAt); // nothing of it left
            throw ex;
        }
        recorded(answered);
        Instant sentAt = clock.instant();
        List<Future<SendResult>> answers = new ArrayList<>(sendable.size());
        for (OutgoingMessage message : sendable) {
            answers.add(senders.submit(() -> sender.send(message)));
        }
        inFlight.add(new Batch(answers, markedAt, sentAt));
        if (passFinished.getAsBoolean()) {
            recordAll();
            if (sender.haltReason() != null) {
                throw new RunHaltedException(sender.haltReason());
            }
        }
    }

    /** Waits for every chunk still out and records their answers in one transaction. */
    private void recordAll() throws InterruptedException {
        List<Answered> answered = answersUntilOut(0);
        if (!answered.isEmpty()) {
            ownTransaction.executeWithoutResult(status -> store(answered));
            recorded(answered);
        }
    }

    /** Waits, oldest chunk first, until at most {@code stillOut} chunks are out; answers the chunks answered. */
    private List<Answered> answersUntilOut(int stillOut) throws InterruptedException {
        List<Answered> answered = new ArrayList<>();
        while (inFlight.size() > stillOut) {
            answered.add(answersOf(inFlight.poll()));
        }
        return answered;
    }

    /** A chunk whose answers are all in, with the time it took to send. */
    private record Answered(List<SendResult> results, long sendMillis, Instant markedAt) {
    }

    /** Waits for the batch's answers; its sending time runs from the previous chunk's end (reading and rendering between count). */
    private Answered answersOf(Batch batch) throws InterruptedException {
        List<SendResult> results = new ArrayList<>(batch.answers().size());
        for (Future<SendResult> answer : batch.answers()) {
            results.add(await(answer));
        }
        Instant ended = clock.instant();
        long sendMillis = Duration.between(previousChunkEnd != null ? previousChunkEnd : batch.sentAt(), ended).toMillis();
        previousChunkEnd = ended;
        return new Answered(results, sendMillis, batch.markedAt());
    }

    /** Once their answers are committed, the chunks' messages may be read for the record. */
    private void recorded(List<Answered> answered) {
        answered.forEach(chunk -> horizon.recorded(chunk.markedAt()));
    }

    /** Records answered chunks; runs inside the caller's transaction. */
    private void store(List<Answered> answered) {
        for (Answered chunk : answered) {
            int recorded = ledger.recordAnswers(runId, chunk.results());
            if (recorded < chunk.results().size()) {
                log.warn("Run {}: {} of {} answers found their rows no longer SENDING (settled meanwhile); left as they were",
                        runId, chunk.results().size() - recorded, chunk.results().size());
            }
            runs.recordSending(runId, chunk.sendMillis(), sender.takeRateLimitedCount());
        }
    }

    private static SendResult await(Future<SendResult> answer) throws InterruptedException {
        try {
            return answer.get();
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("a send task failed unexpectedly", ex.getCause());
        }
    }
}
