package com.campaignsender.gateway;

import java.time.Instant;

/**
 * The provider's current status of one message it holds, as read back by a status poll, and
 * what it says about the recipient: a bounce, an unsubscribe or a complaint keeps the address
 * out of later campaigns. {@code createdAt}, by the provider's clock, where its listing has it
 * (VoIPBIN's {@code tm_create}): where a listing that stopped half way goes on from.
 */
public record ProviderStatus(String providerMessageId, String address, String status, DeliveryOutcome outcome,
        Feedback feedback, Instant createdAt) {

    public enum Feedback {
        NONE, BOUNCE, UNSUBSCRIBE, COMPLAINT
    }

    public ProviderStatus(String providerMessageId, String address, String status, DeliveryOutcome outcome,
            Feedback feedback) {
        this(providerMessageId, address, status, outcome, feedback, null);
    }

    public ProviderStatus(String providerMessageId, String address, String status, DeliveryOutcome outcome) {
        this(providerMessageId, address, status, outcome,
                outcome == DeliveryOutcome.BOUNCED ? Feedback.BOUNCE : Feedback.NONE);
    }

    /** Whether the provider is done with the message: its status will not change by itself (a late bounce aside). */
    public boolean isFinal() {
        return outcome != DeliveryOutcome.IN_FLIGHT;
    }
}
