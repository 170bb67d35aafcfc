package com.campaignsender.recipients;

import java.util.Map;

import com.campaignsender.ledger.RowReason;

/**
 * One data row of a recipient list: its number (1 is the first row after the header), its fields
 * by column name, and why it cannot be a recipient whatever its address holds (its shape, or its
 * size past what the ledger keeps), if anything.
 */
public record CsvRow(int row, Map<String, String> fields, RowReason rejection) {

    public boolean rejected() {
        return rejection != null;
    }
}
