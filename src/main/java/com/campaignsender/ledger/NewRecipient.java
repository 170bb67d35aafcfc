package com.campaignsender.ledger;

import java.util.Map;

/**
 * A row of the recipient list as the load step enters it: PENDING, or REJECTED with the reason.
 * {@code timeZone}: the zone its send window is read in, when the recipient has one of their own.
 */
public record NewRecipient(int row, String address, Map<String, String> fields, DeliveryState state, RowReason reason,
        String timeZone) {

    public static NewRecipient pending(int row, String address, Map<String, String> fields) {
        return new NewRecipient(row, address, fields, DeliveryState.PENDING, null, null);
    }

    public NewRecipient rejected(RowReason reason) {
        return new NewRecipient(row, address, fields, DeliveryState.REJECTED, reason, null);
    }

    public NewRecipient inZone(String zone) {
        return new NewRecipient(row, address, fields, state, reason, zone);
    }

    /** The reason as the ledger's error column keeps it. */
    public String error() {
        return reason == null ? null : reason.text();
    }
}
