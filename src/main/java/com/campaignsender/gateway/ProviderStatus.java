package com.campaignsender.gateway;

/** The provider's current status of one message it holds, as read back by a status poll. */
public record ProviderStatus(String providerMessageId, String address, String status, DeliveryOutcome outcome) {
}
