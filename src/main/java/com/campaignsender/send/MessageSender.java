package com.campaignsender.send;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.gateway.SendOutcome;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.SendResult;

/**
 * Sends one message to its end: paced by the account's throttle, transient refusals (nothing
 * created) retried with exponential backoff and jitter up to {@code limits.max-attempts}, and
 * nothing else retried: an unanswered request may have created the message, so it is IN_DOUBT.
 * Once the run must halt, messages not yet sent are handed back as PENDING.
 */
class MessageSender {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final MessageGateway gateway;
    private final AccountThrottle throttle;
    private final FailureWindow failures;
    private final int maxAttempts;
    private volatile String haltReason;

    MessageSender(MessageGateway gateway, AccountThrottle throttle, FailureWindow failures, int maxAttempts) {
        this.gateway = gateway;
        this.throttle = throttle;
        this.failures = failures;
        this.maxAttempts = maxAttempts;
    }

    SendResult send(OutgoingMessage message) throws InterruptedException {
        int attempts = 0;
        String lastRefusal = null;
        while (true) {
            if (haltReason != null) {
                return result(message.row(), DeliveryState.PENDING, null, null,
                        lastRefusal != null ? lastRefusal : "not sent: the run stopped", attempts);
            }
            throttle.acquire();
            SendOutcome outcome = gateway.send(message.request());
            attempts++;
            switch (outcome.kind()) {
                case ACCEPTED -> {
                    failures.record(false);
                    return new SendResult(message.row(), DeliveryState.ACCEPTED, outcome.providerMessageId(),
                            outcome.providerStatus(), null, outcome.segments(), attempts);
                }
                case PERMANENT_FAILURE -> {
                    recordFailure(outcome);
                    return result(message.row(), DeliveryState.FAILED, null, null, outcome.detail(), attempts);
                }
                case NO_ANSWER -> {
                    recordFailure(outcome);
                    return result(message.row(), DeliveryState.IN_DOUBT, null, null, outcome.detail(), attempts);
                }
                case UNAUTHORIZED -> {
                    halt(gateway.provider() + " refused the credential (" + outcome.detail() + "); check campaign.providers."
                            + gateway.provider() + " and run the same command again");
                    // Refused before anything was created: PENDING again for the resumed run.
                    return result(message.row(), DeliveryState.PENDING, null, null, outcome.detail(), attempts);
                }
                case RATE_LIMITED -> throttle.rateLimited(outcome.retryAfter());
                case TRANSIENT_FAILURE -> {
                    recordFailure(outcome);
                    if (attempts < maxAttempts) {
                        Thread.sleep(backoff(attempts).toMillis());
                    }
                }
            }
            lastRefusal = outcome.detail();
            if (attempts >= maxAttempts) {
                return result(message.row(), DeliveryState.FAILED, null, null,
                        "gave up after " + attempts + " attempts: " + outcome.detail(), attempts);
            }
        }
    }

    /** Why the run must stop, once it must. */
    String haltReason() {
        return haltReason;
    }

    private void recordFailure(SendOutcome outcome) {
        if (failures.record(true)) {
            halt(failures.failures() + " of the last " + FailureWindow.SIZE
                    + " attempts failed, above limits.error-threshold; the last: " + outcome.detail());
        }
    }

    private void halt(String reason) {
        if (haltReason == null) {
            haltReason = reason;
        }
    }

    /** Exponential from 200 ms, capped, with jitter so that threads do not retry in step. */
    private static Duration backoff(int attempts) {
        long ceiling = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempts - 1, 16));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    private static SendResult result(int row, DeliveryState state, String id, String status, String error, int attempts) {
        return new SendResult(row, state, id, status, error, null, attempts);
    }
}
