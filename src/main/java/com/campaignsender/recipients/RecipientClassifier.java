package com.campaignsender.recipients;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.ledger.NewRecipient;
import com.campaignsender.ledger.RowReason;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Load step, per row: a row with a sendable address becomes PENDING with its normalised
 * address (and, for a send window in each recipient's zone, its zone); any other row becomes
 * REJECTED with the reason: its shape, a limit of the ledger it passes ({@link RowLimits}), its
 * address. Never filters a row out: every input row reaches the ledger.
 */
public class RecipientClassifier implements ItemProcessor<CsvRow, NewRecipient> {

    private final String addressColumn;
    private final AddressRules rules;
    private final RecipientZones zones;

    /**
     * The campaign's classifier: its address column, its channel's address rules as its account
     * carries them ({@code unicodeLocalParts}: see {@link AddressRules}), its send window's zones.
     */
    public static RecipientClassifier of(CampaignDefinition definition, Supplier<Optional<String>> unicodeLocalParts) {
        return new RecipientClassifier(definition.recipients().addressColumn(),
                new AddressRules(definition.channel(), definition.recipients().defaultRegion(), unicodeLocalParts),
                RecipientZones.of(definition.sendWindow()));
    }

    public RecipientClassifier(String addressColumn, AddressRules rules, RecipientZones zones) {
        this.addressColumn = addressColumn;
        this.rules = rules;
        this.zones = zones;
    }

    /** The row's cells, and the display name its address came with ({@code Joe <joe@example.com>}) unless a column has that name. */
    private static Map<String, String> withName(Map<String, String> fields, String name) {
        if (name == null || fields.containsKey(AddressRules.NAME_VARIABLE)) {
            return fields;
        }
        Map<String, String> named = new LinkedHashMap<>(fields);
        named.put(AddressRules.NAME_VARIABLE, name);
        return named;
    }

    @Override
    public NewRecipient process(CsvRow row) {
        String raw = row.fields().get(addressColumn);
        Optional<RowReason> overLimit = RowLimits.exceeded(row.fields(), addressColumn);
        if (overLimit.isPresent()) {
            // kept without its cells, which the ledger cannot hold; the report names the row and the limit
            return NewRecipient.pending(row.row(), RowLimits.storable(raw), Map.of()).rejected(overLimit.get());
        }
        NewRecipient recipient = NewRecipient.pending(row.row(), raw, row.fields());
        if (row.rejected()) {
            return recipient.rejected(row.rejection());
        }
        AddressRules.Parsed address;
        try {
            address = rules.parse(raw);
        }
        catch (RowRejection ex) {
            return recipient.rejected(ex.reason().then(" in column '" + addressColumn + "'"));
        }
        try {
            return NewRecipient.pending(row.row(), address.address(), withName(row.fields(), address.name()))
                    .inZone(zones.of(address.address(), row.fields()).orElse(null));
        }
        catch (RowRejection ex) {
            return recipient.rejected(ex.reason());
        }
    }
}
