package com.campaignsender.gateway;

/**
 * The provider's current status of one message it holds, as read back by a status poll, and
 * what it says about the recipient: a bounce, an unsubscribe or a complaint keeps the address
 * out of later campaigns.
 */
public record ProviderStatus(String providerMessageId, String address, String status, DeliveryOutcome outcome,
        Feedback feedback) {

    public enum Feedback {
        NONE, BOUNCE, UNSUBSCRIBE, COMPLAINT
    }

    public ProviderStatus(String providerMessageId, String address, String status, DeliveryOutcome outcome) {
        this(providerMessageId, address, status, outcome,
                outcome == DeliveryOutcome.BOUNCED ? Feedback.BOUNCE : Feedback.NONE);
    }
}
