package com.campaignsender.gateway;

import java.time.Instant;
import java.util.List;

/**
 * What the send and reconcile steps need from a provider account, and nothing more. One
 * implementation per provider API and channel; none knows about jobs or the ledger.
 */
public interface MessageGateway {

    /** The account's name, as recorded in the ledger and the report. */
    String account();

    /** Sends one message. Never throws for a provider fault: the outcome says what happened. */
    SendOutcome send(SendRequest request);

    /** Where its statuses, and its own record of what the account created, are read from. */
    StatusFeed statusFeed();

    /**
     * A search for the messages these requests may have created at or after {@code from} and
     * before {@code before} (by the provider's clock), when their answers never came: by our own
     * reference where the provider stores it (the times then do not matter), or else by matching
     * recipient and content among what the account created then. A request whose message the
     * search has not shown once it is done provably created nothing.
     */
    SentSearch searchSent(List<SendRequest> requests, Instant from, Instant before);

    /** What becomes of a request that got no answer: searched for ({@link #searchSent}) unless the provider cannot be asked. */
    default Unanswered unanswered() {
        return Unanswered.SEARCHED;
    }
}
