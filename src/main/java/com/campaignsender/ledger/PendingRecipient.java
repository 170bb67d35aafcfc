package com.campaignsender.ledger;

import java.util.Map;

/** A recipient waiting to be sent: its address and the list's fields for the templates. */
public record PendingRecipient(int row, String address, Map<String, String> fields) {
}
