package com.campaignsender.recipients;

import com.campaignsender.ledger.NewRecipient;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Load step, per row: a row with a sendable address becomes PENDING with its normalised
 * address; any other row becomes REJECTED with the reason. Never filters a row out: every input
 * row reaches the ledger.
 */
public class RecipientClassifier implements ItemProcessor<CsvRow, NewRecipient> {

    private final String addressColumn;
    private final AddressRules rules;

    public RecipientClassifier(String addressColumn, AddressRules rules) {
        this.addressColumn = addressColumn;
        this.rules = rules;
    }

    @Override
    public NewRecipient process(CsvRow row) {
        String raw = row.fields().get(addressColumn);
        NewRecipient recipient = NewRecipient.pending(row.row(), raw, row.fields());
        if (row.malformed()) {
            return recipient.rejected(row.malformation());
        }
        try {
            return NewRecipient.pending(row.row(), rules.normalise(raw), row.fields());
        }
        catch (IllegalArgumentException ex) {
            return recipient.rejected(ex.getMessage() + " in column '" + addressColumn + "'");
        }
    }
}
