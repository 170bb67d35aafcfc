package com.campaignsender.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.support.TransactionTemplate;

import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.RecipientLedger;
import com.campaignsender.ledger.SendResult;
import com.campaignsender.system.ShutdownSignal;

/**
 * Send step, per chunk: the one place messages leave. The order of ledger writes is the
 * no-duplicate rule (SPEC section 7):
 * <ol>
 * <li>the chunk's rows are marked SENDING and committed in their own transaction;</li>
 * <li>the requests go out, {@code limits.concurrency} at a time (see {@link MessageSender});</li>
 * <li>each outcome is recorded, again committed on its own.</li>
 * </ol>
 * A crash between 1 and 3 leaves rows SENDING, which the next start turns into IN_DOUBT rather
 * than sending them again.
 */
class SendWriter implements ItemWriter<OutgoingMessage>, ItemStream {

    private final long runId;
    private final String provider;
    private final MessageSender sender;
    private final AccountThrottle throttle;
    private final int concurrency;
    private final RecipientLedger ledger;
    private final CampaignRuns runs;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final ShutdownSignal shutdown;
    private ExecutorService senders;
    /** When the previous chunk of this pass ended: the time between chunks (reading, rendering) is sending time too. */
    private Instant previousChunkEnd;

    SendWriter(long runId, String provider, MessageSender sender, AccountThrottle throttle, int concurrency,
            RecipientLedger ledger, CampaignRuns runs, TransactionTemplate ownTransaction, Clock clock,
            ShutdownSignal shutdown) {
        this.runId = runId;
        this.provider = provider;
        this.sender = sender;
        this.throttle = throttle;
        this.concurrency = concurrency;
        this.ledger = ledger;
        this.runs = runs;
        this.ownTransaction = ownTransaction;
        this.clock = clock;
        this.shutdown = shutdown;
    }

    /** Runs when the step starts or restarts, before any send of it. */
    @Override
    public void open(ExecutionContext context) {
        ownTransaction.executeWithoutResult(status -> ledger.markSendingInDoubt(runId));
        if (senders == null) {
            senders = Executors.newFixedThreadPool(concurrency);
        }
        previousChunkEnd = null;
    }

    @Override
    public void close() {
        if (senders != null) {
            senders.shutdownNow();
            senders = null;
        }
    }

    @Override
    public void write(Chunk<? extends OutgoingMessage> chunk) throws InterruptedException {
        // Between two chunks is where a stopping process ends the run: nothing of this chunk is marked yet.
        shutdown.checkpoint();
        Instant started = clock.instant();
        List<SendResult> results = new ArrayList<>(chunk.size());
        List<OutgoingMessage> sendable = new ArrayList<>(chunk.size());
        for (OutgoingMessage message : chunk) {
            if (message.request() == null) {
                results.add(new SendResult(message.row(), DeliveryState.REJECTED, null, null, message.renderError(), null, 0));
            }
            else {
                sendable.add(message);
            }
        }
        List<Integer> rows = sendable.stream().map(OutgoingMessage::row).toList();
        ownTransaction.executeWithoutResult(status -> ledger.markSending(runId, provider, rows));

        List<Future<SendResult>> answers = new ArrayList<>(sendable.size());
        for (OutgoingMessage message : sendable) {
            answers.add(senders.submit(() -> sender.send(message)));
        }
        for (Future<SendResult> answer : answers) {
            results.add(await(answer));
        }
        Instant ended = clock.instant();
        long sendMillis = Duration.between(previousChunkEnd != null ? previousChunkEnd : started, ended).toMillis();
        previousChunkEnd = ended;
        ownTransaction.executeWithoutResult(status -> {
            ledger.recordResults(runId, results);
            runs.recordSending(runId, sendMillis, throttle.takeRateLimitedCount());
        });
        if (sender.haltReason() != null) {
            throw new RunHaltedException(sender.haltReason());
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
