package com.campaignsender.gateway;

/** What a provider's status word means for a message, independent of the provider's vocabulary. */
public enum DeliveryOutcome {
    IN_FLIGHT, DELIVERED, BOUNCED, FAILED, EXPIRED
}
