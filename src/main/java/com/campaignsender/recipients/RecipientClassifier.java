package com.campaignsender.recipients;

import com.campaignsender.ledger.NewRecipient;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Load step, per row: a row with a sendable address becomes PENDING with its normalised
 * address (and, for a send window in each recipient's zone, its zone); any other row becomes
 * REJECTED with the reason. Never filters a row out: every input row reaches the ledger.
 */
public class RecipientClassifier implements ItemProcessor<CsvRow, NewRecipient> {

    private final String addressColumn;
    private final AddressRules rules;
    private final RecipientZones zones;

    public RecipientClassifier(String addressColumn, AddressRules rules, RecipientZones zones) {
        this.addressColumn = addressColumn;
        this.rules = rules;
        this.zones = zones;
    }

    @Override
    public NewRecipient process(CsvRow row) {
        String raw = row.fields().get(addressColumn);
        NewRecipient recipient = NewRecipient.pending(row.row(), raw, row.fields());
        if (row.malformed()) {
            return recipient.rejected(row.malformation());
        }
        String address;
        try {
            address = rules.normalise(raw);
        }
        catch (IllegalArgumentException ex) {
            return recipient.rejected(ex.getMessage() + " in column '" + addressColumn + "'");
        }
        try {
            return NewRecipient.pending(row.row(), address, row.fields()).inZone(zones.of(address, row.fields()).orElse(null));
        }
        catch (IllegalArgumentException ex) {
            return recipient.rejected(ex.getMessage());
        }
    }
}
