package com.campaignsender.ledger;

import java.util.Map;

/** A row of the recipient list as the load step enters it: PENDING, or REJECTED with the reason. */
public record NewRecipient(int row, String address, Map<String, String> fields, DeliveryState state, String error) {

    public static NewRecipient pending(int row, String address, Map<String, String> fields) {
        return new NewRecipient(row, address, fields, DeliveryState.PENDING, null);
    }

    public NewRecipient rejected(String reason) {
        return new NewRecipient(row, address, fields, DeliveryState.REJECTED, reason);
    }
}
