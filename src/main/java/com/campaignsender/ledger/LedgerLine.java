package com.campaignsender.ledger;

import java.time.Instant;
import java.util.Map;

/**
 * One ledger row in full, as the report shows it; {@code sentBy}: the process (host:pid) that sent it, if one did;
 * {@code reasonGroup}: its reason without the row's own values, when the reason had any ({@link RowReason}).
 */
public record LedgerLine(int row, String address, DeliveryState state, String provider, String providerMessageId,
        String providerStatus, int attempts, Integer segments, String error, String reasonGroup, Instant sentAt,
        Instant updatedAt, String sentBy, Map<String, String> fields) {

    /** The row's reason as rows are counted together by it: without the row's own values. */
    public String groupedError() {
        return reasonGroup != null ? reasonGroup : error;
    }
}
