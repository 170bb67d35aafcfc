package com.campaignsender.gateway;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the send and reconcile steps need from a provider account, and nothing more. One
 * implementation per provider API and channel; none knows about jobs or the ledger.
 */
public interface MessageGateway {

    /** The provider's name, as recorded in the ledger and the report. */
    String provider();

    /** Sends one message. Never throws for a provider fault: the outcome says what happened. */
    SendOutcome send(SendRequest request);

    /** Where its statuses, and its own record of what the account created, are read from. */
    StatusFeed statusFeed();

    /**
     * Looks for the messages these requests may have created at or after {@code from} and before
     * {@code before} (by the provider's clock), when their answers never came: by our own
     * reference where the provider stores it (the times then do not matter), or else by matching
     * recipient and content among what the account created then. Answers by request reference; a
     * request missing from the answer provably created nothing.
     */
    Map<String, ProviderStatus> findSent(List<SendRequest> requests, Instant from, Instant before);
}
