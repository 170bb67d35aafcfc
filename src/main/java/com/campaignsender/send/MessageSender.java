package com.campaignsender.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.github.resilience4j.core.IntervalFunction;

import com.campaignsender.account.Pace;
import com.campaignsender.account.ProviderAccount;
import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.gateway.SendOutcome;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.SendResult;
import com.campaignsender.metrics.SendMeters;
import com.campaignsender.reconcile.CreationHorizon;

/**
 * Sends one message to its end, within the campaign's pace and the account's turn (budget,
 * health, 429 pause): transient refusals (nothing created) are retried with exponential backoff
 * and jitter, or after the provider's {@code Retry-After}, up to {@code limits.max-attempts};
 * nothing else is retried: an unanswered request may have created the message, so it is IN_DOUBT.
 * <p>
 * An attempt counts against {@code max-attempts} only while the account is healthy: a failure
 * that the account's breaker opens on is the account's outage, not this message's fault, and
 * requests an open breaker holds back are not made at all. So an outage fails no message; it
 * stops the run only when it outlasts {@code limits.outage-timeout}. Once the run must halt or
 * stop, messages not yet sent are handed back as PENDING.
 * <p>
 * The retry loop is ours rather than a retry library's decorator because its outcomes are not
 * all retries or failures: a 429 and a held-back request are no attempt, a lost answer is never
 * retried. The backoff is Resilience4j's.
 */
class MessageSender {

    private static final IntervalFunction BACKOFF = IntervalFunction.ofExponentialRandomBackoff(
            Duration.ofMillis(200), 2.0, 0.5, Duration.ofSeconds(10));

    private static final int ALONE_LIMIT = 3;

    private final MessageGateway gateway;
    private final Pace pace;
    private final ProviderAccount account;
    private final FailureWindow failures;
    private final int maxAttempts;
    private final Duration outageTimeout;
    private final BooleanSupplier stopAsked;
    private final Clock clock;
    private final CreationHorizon horizon;
    private final SendMeters meters;
    /** When this run's sending began: an outage that began earlier counts from here. */
    private final Instant started;
    private final AtomicLong rateLimited = new AtomicLong();
    private volatile String haltReason;

    /** {@code stopAsked}: whether the run was asked to stop (shutdown, pause, cancel) while a message waits for its turn. */
    MessageSender(MessageGateway gateway, Pace pace, ProviderAccount account, FailureWindow failures,
            int maxAttempts, Duration outageTimeout, BooleanSupplier stopAsked, Clock clock, CreationHorizon horizon,
            SendMeters meters) {
        this.clock = clock;
        this.meters = meters;
        this.horizon = horizon;
        this.started = clock.instant();
        this.gateway = gateway;
        this.pace = pace;
        this.account = account;
        this.failures = failures;
        this.maxAttempts = maxAttempts;
        this.outageTimeout = outageTimeout;
        this.stopAsked = stopAsked;
    }

    SendResult send(OutgoingMessage message) throws InterruptedException {
        SendResult result = sendToEnd(message);
        meters.ended(result.state());
        return result;
    }

    private SendResult sendToEnd(OutgoingMessage message) throws InterruptedException {
        int attempts = 0;
        int counted = 0;
        String lastRefusal = null;
        while (true) {
            if (haltReason != null) {
                return unsent(message, lastRefusal, attempts);
            }
            pace.acquire();
            ProviderAccount.Turn turn = account.awaitTurn(
                    () -> haltReason != null || stopAsked.getAsBoolean() || outageTooLong());
            if (turn == ProviderAccount.Turn.STOPPED) {
                return unsent(message, lastRefusal, attempts);
            }
            long sentAt = System.nanoTime();
            Instant left = clock.instant();
            SendOutcome outcome = gateway.send(message.request());
            long nanos = System.nanoTime() - sentAt;
            account.record(outcome, nanos);
            attempts++;
            meters.attempted(outcome.kind(), nanos, attempts);
            switch (outcome.kind()) {
                case ACCEPTED -> {
                    ended(false, outcome);
                    if (outcome.createdAt() != null) {
                        horizon.answered(left, outcome.createdAt());
                    }
                    return new SendResult(message.row(), DeliveryState.ACCEPTED, outcome.providerMessageId(),
                            outcome.providerStatus(), null, outcome.segments(), attempts);
                }
                case PERMANENT_FAILURE -> {
                    ended(true, outcome);
                    return result(message.row(), DeliveryState.FAILED, outcome.detail(), attempts);
                }
                case NO_ANSWER -> {
                    // Not ended: the settle step finds out whether the provider has it.
                    return result(message.row(), DeliveryState.IN_DOUBT, outcome.detail(), attempts);
                }
                case UNAUTHORIZED -> {
                    halt(gateway.account() + " refused the credential (" + outcome.detail() + "); check campaign.providers."
                            + gateway.account() + " and run the same command again");
                    // Refused before anything was created: PENDING again for the resumed run.
                    return result(message.row(), DeliveryState.PENDING, outcome.detail(), attempts);
                }
                case PAYMENT_REQUIRED -> {
                    halt("the " + gateway.account() + " account's balance is out (" + outcome.detail()
                            + "); top it up and run the same command again");
                    // The account's state, not the recipient's: nothing was created, PENDING for the resumed run.
                    return result(message.row(), DeliveryState.PENDING, outcome.detail(), attempts);
                }
                case RATE_LIMITED -> rateLimited.incrementAndGet();
                case TRANSIENT_FAILURE -> {
                    if (thisMessagesFault(outcome, attempts)) {
                        counted++;
                    }
                }
            }
            lastRefusal = outcome.detail();
            if (counted >= maxAttempts) {
                ended(true, outcome);
                return result(message.row(), DeliveryState.FAILED, "gave up after " + counted + " attempts: " + outcome.detail(),
                        attempts);
            }
        }
    }

    /**
     * Backs off after a transient failure, and answers whether it counts against the message. It
     * does not when, by the end of the backoff, the account shows an outage: its breaker opened or
     * is not closed, or none of its other requests was answered in the meantime. Judging after
     * the backoff is what lets the first failures of an outage, which come before the breaker has
     * seen enough of them to open, cost no attempt either. A message that keeps failing alone
     * (nobody else sending) counts again from {@link #ALONE_LIMIT} times {@code max-attempts} on.
     */
    private boolean thisMessagesFault(SendOutcome outcome, int attempts) throws InterruptedException {
        long outages = account.outages();
        long answers = account.healthyAnswers();
        if (account.healthy()) {
            Thread.sleep(outcome.retryAfter() != null ? outcome.retryAfter().toMillis() : BACKOFF.apply(attempts));
        }
        boolean aloneInFailing = account.healthyAnswers() == answers && attempts < ALONE_LIMIT * maxAttempts;
        return account.healthy() && account.outages() == outages && !aloneInFailing;
    }

    /**
     * Whether the account has been unavailable for longer than {@code limits.outage-timeout}, counted
     * from the start of this run's sending if the outage began before it; then the run halts.
     */
    private boolean outageTooLong() {
        Optional<ProviderAccount.Unavailable> unavailable = account.unavailable();
        if (unavailable.isEmpty()) {
            return false;
        }
        Instant since = unavailable.get().since().isAfter(started) ? unavailable.get().since() : started;
        if (Duration.between(since, clock.instant()).compareTo(outageTimeout) <= 0) {
            return false;
        }
        halt(unavailable.get().describe() + ": longer than limits.outage-timeout ("
                + outageTimeout.toString().substring(2).toLowerCase() + "); run the same command again once it is back");
        return true;
    }

    /** Why the run must stop, once it must. */
    String haltReason() {
        return haltReason;
    }

    /** 429 answers so far, and counts them as taken. */
    long takeRateLimitedCount() {
        return rateLimited.getAndSet(0);
    }

    private void ended(boolean failed, SendOutcome outcome) {
        if (failures.record(failed)) {
            halt(failures.failures() + " of the last " + FailureWindow.SIZE
                    + " messages failed, above limits.error-threshold; the last: " + outcome.detail());
        }
    }

    private void halt(String reason) {
        if (haltReason == null) {
            haltReason = reason;
        }
    }

    private static SendResult unsent(OutgoingMessage message, String lastRefusal, int attempts) {
        return result(message.row(), DeliveryState.PENDING, lastRefusal != null ? lastRefusal : "not sent: the run stopped",
                attempts);
    }

    private static SendResult result(int row, DeliveryState state, String error, int attempts) {
        return new SendResult(row, state, null, null, error, null, attempts);
    }
}
