package com.campaignsender.gateway;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the send and reconcile steps need from a provider account, and nothing more. One
 * implementation per provider API and channel; none knows about jobs or the ledger.
 */
public interface MessageGateway {

    /** The provider's name, as recorded in the ledger and the report. */
    String provider();

    /** Sends one message. Never throws for a provider fault: the outcome says what happened. */
    SendOutcome send(SendRequest request);

    /**
     * Reads the status of every message the account created since {@code since}, handing them
     * over a page at a time, so that the caller can persist each page before the next is read.
     */
    void readStatuses(Instant since, Consumer<List<ProviderStatus>> pages);

    /**
     * Lists every message the account created since {@code since}, with its status, a page at a
     * time, without side effects (unlike Infobip's once-only reports): the provider's own record
     * that the ledger is compared with.
     */
    void listCreated(Instant since, Consumer<List<ProviderStatus>> pages);

    /**
     * Looks for the messages these requests may have created at or after {@code since}, when
     * their answers never came: by our own reference where the provider stores it, or else by
     * matching recipient and content. Answers by request reference; a request missing from the
     * answer provably created nothing.
     */
    Map<String, ProviderStatus> findSent(List<SendRequest> requests, Instant since);
}
