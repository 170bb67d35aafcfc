package com.campaignsender.ledger;

import java.util.Map;

/**
 * A recipient whose message is to be sent (PENDING) or looked for at the provider (IN_DOUBT):
 * its address, the list's fields for the templates, and the requests made for it so far.
 */
public record RecipientToSend(int row, String address, Map<String, String> fields, int attempts) {
}
