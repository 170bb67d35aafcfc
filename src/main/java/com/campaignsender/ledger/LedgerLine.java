package com.campaignsender.ledger;

import java.time.Instant;
import java.util.Map;

/** One ledger row in full, as the report shows it; {@code sentBy}: the process (host:pid) that sent it, if one did. */
public record LedgerLine(int row, String address, DeliveryState state, String provider, String providerMessageId,
        String providerStatus, int attempts, Integer segments, String error, Instant sentAt, Instant updatedAt,
        String sentBy, Map<String, String> fields) {
}
