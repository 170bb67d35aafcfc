package com.campaignsender.gateway;

import java.time.Duration;
import java.time.Instant;

/**
 * A provider's answer to one send, already classified (see {@link AnswerClassifier}). {@code detail}
 * is the provider's reason on failure, secrets already removed. {@code createdAt} is when the
 * provider says it created the message, by its own clock, where its answer tells (VoIPBIN does):
 * what the reconciler learns the provider's clock from.
 */
public record SendOutcome(Kind kind, String providerMessageId, String providerStatus, Integer segments,
        String detail, Duration retryAfter, Instant createdAt) {

    public enum Kind {
        /** 2xx: the provider has the message. */
        ACCEPTED,
        /** The provider refused this message; sending it again would be refused again. */
        PERMANENT_FAILURE,
        /** 429: too fast for the account; nothing was created; every sender waits {@code retryAfter}. */
        RATE_LIMITED,
        /** Refused for now (5xx, connection refused): nothing was created, a retry is safe. */
        TRANSIENT_FAILURE,
        /** 401/403: the credential is wrong; every other send would fail the same way. */
        UNAUTHORIZED,
        /**
         * 402: the account cannot pay for it (VoIPBIN checks the balance before sending). Nothing was
         * created, and nothing more will be until someone tops the account up: the account's state, not the message's.
         */
        PAYMENT_REQUIRED,
        /** No answer after the request left (timeout, reset, 502/504): the message may exist. */
        NO_ANSWER
    }

    public static SendOutcome accepted(String providerMessageId, String providerStatus, Integer segments) {
        return accepted(providerMessageId, providerStatus, segments, null);
    }

    public static SendOutcome accepted(String providerMessageId, String providerStatus, Integer segments,
            Instant createdAt) {
        return new SendOutcome(Kind.ACCEPTED, providerMessageId, providerStatus, segments, null, null, createdAt);
    }

    public static SendOutcome failed(Kind kind, String detail, Duration retryAfter) {
        return new SendOutcome(kind, null, null, null, detail, retryAfter, null);
    }
}
