package com.campaignsender.ledger;

import java.time.Instant;
import java.util.Map;

/** One ledger row in full, as the report shows it. */
public record LedgerLine(int row, String address, DeliveryState state, String provider, String providerMessageId,
        String providerStatus, int attempts, Integer segments, String error, Instant sentAt, Instant updatedAt,
        Map<String, String> fields) {
}
