package com.campaignsender.send;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.support.TransactionTemplate;

import com.campaignsender.definition.CampaignDefinition.Limits;
import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.gateway.SendOutcome;
import com.campaignsender.gateway.SendOutcome.Kind;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.RecipientLedger;
import com.campaignsender.ledger.SendResult;

/**
 * Send step, per chunk: the one place messages leave. The order of ledger writes is the
 * no-duplicate rule (SPEC section 7):
 * <ol>
 * <li>the chunk's rows are marked SENDING and committed in their own transaction;</li>
 * <li>the requests go out, {@code limits.concurrency} at a time, under the rate limit;</li>
 * <li>each answer is recorded, again committed on its own.</li>
 * </ol>
 * A crash between 1 and 3 leaves rows SENDING, which the next start turns into IN_DOUBT rather
 * than sending them again.
 */
class SendWriter implements ItemWriter<OutgoingMessage>, ItemStream {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final long runId;
    private final MessageGateway gateway;
    private final RecipientLedger ledger;
    private final TransactionTemplate ownTransaction;
    private final Limits limits;
    private final Bucket rate;
    private ExecutorService senders;

    SendWriter(long runId, MessageGateway gateway, RecipientLedger ledger, TransactionTemplate ownTransaction,
            Limits limits) {
        this.runId = runId;
        this.gateway = gateway;
        this.ledger = ledger;
        this.ownTransaction = ownTransaction;
        this.limits = limits;
        this.rate = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limits.burst())
                        .refillGreedy(limits.rate().permits(), limits.rate().period()).build())
                .build();
    }

    /** Runs when the step starts or restarts, before any send of it. */
    @Override
    public void open(ExecutionContext context) {
        ownTransaction.executeWithoutResult(status -> ledger.markSendingInDoubt(runId));
        if (senders == null) {
            senders = Executors.newFixedThreadPool(limits.concurrency());
        }
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
        ownTransaction.executeWithoutResult(status -> ledger.markSending(runId, gateway.provider(), rows));

        List<Future<SendResult>> answers = new ArrayList<>(sendable.size());
        for (OutgoingMessage message : sendable) {
            answers.add(senders.submit(() -> send(message)));
        }
        String refusal = null;
        for (Future<SendResult> answer : answers) {
            SendResult result = await(answer);
            results.add(result);
            if (result.state() == DeliveryState.PENDING) {
                refusal = result.error();
            }
        }
        ownTransaction.executeWithoutResult(status -> ledger.recordResults(runId, results));
        if (refusal != null) {
            throw new CredentialRefusedException(gateway.provider() + " refused the credential (" + refusal
                    + "); check campaign.providers." + gateway.provider() + " and run the same command again");
        }
    }

    /** One message: transient refusals (nothing was created) are retried with backoff; nothing else is. */
    private SendResult send(OutgoingMessage message) throws InterruptedException {
        int attempts = 0;
        while (true) {
            rate.asBlocking().consume(1);
            SendOutcome outcome = gateway.send(message.request());
            attempts++;
            if (outcome.kind() != Kind.TRANSIENT_FAILURE || attempts >= limits.maxAttempts()) {
                return result(message.row(), outcome, attempts);
            }
            Thread.sleep(backoff(attempts, outcome.retryAfter()).toMillis());
        }
    }

    /** Exponential from 200 ms, capped, jittered so that threads do not retry in step; Retry-After wins. */
    private static Duration backoff(int attempts, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter;
        }
        long ceiling = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempts - 1, 16));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    private static SendResult await(Future<SendResult> answer) throws InterruptedException {
        try {
            return answer.get();
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("a send task failed unexpectedly", ex.getCause());
        }
    }

    private static SendResult result(int row, SendOutcome outcome, int attempts) {
        return switch (outcome.kind()) {
            case ACCEPTED -> new SendResult(row, DeliveryState.ACCEPTED, outcome.providerMessageId(),
                    outcome.providerStatus(), null, outcome.segments(), attempts);
            case PERMANENT_FAILURE -> new SendResult(row, DeliveryState.FAILED, null, null, outcome.detail(), null, attempts);
            case TRANSIENT_FAILURE -> new SendResult(row, DeliveryState.FAILED, null, null,
                    "gave up after " + attempts + " attempts: " + outcome.detail(), null, attempts);
            case NO_ANSWER -> new SendResult(row, DeliveryState.IN_DOUBT, null, null, outcome.detail(), null, attempts);
            // Refused before anything was created: the row is PENDING again for the resumed run.
            case UNAUTHORIZED -> new SendResult(row, DeliveryState.PENDING, null, null, outcome.detail(), null, attempts);
        };
    }
}
