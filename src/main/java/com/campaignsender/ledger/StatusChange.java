package com.campaignsender.ledger;

/** A provider-reported status of one message we sent, already mapped to our state. */
public record StatusChange(String providerMessageId, DeliveryState state, String providerStatus) {
}
