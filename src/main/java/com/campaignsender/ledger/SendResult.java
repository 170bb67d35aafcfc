package com.campaignsender.ledger;

/**
 * What became of one recipient in the send step: ACCEPTED with the provider's id, FAILED,
 * REJECTED, IN_DOUBT, or PENDING again; {@code attempts} is how many requests this took.
 */
public record SendResult(int row, DeliveryState state, String providerMessageId, String providerStatus,
        String error, Integer segments, int attempts) {
}
