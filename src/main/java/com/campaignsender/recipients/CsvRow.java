package com.campaignsender.recipients;

import java.util.Map;

/**
 * One data row of a recipient list: its number (1 is the first row after the header), its fields
 * by column name, and what is wrong with its shape, if anything.
 */
public record CsvRow(int row, Map<String, String> fields, String malformation) {

    public boolean malformed() {
        return malformation != null;
    }
}
