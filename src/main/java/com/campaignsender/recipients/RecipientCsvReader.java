package com.campaignsender.recipients;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Streams a recipient list row by row for the load step. Restartable: the step saves how many
 * rows were read, and a restart skips that many, so each row enters the ledger once.
 * Blank lines are not rows; a row whose field count differs from the header's is passed on
 * marked malformed, so that it is rejected and reported rather than lost.
 */
public class RecipientCsvReader extends AbstractItemCountingItemStreamItemReader<CsvRow> {

    private final Path file;
    private final Optional<Character> separator;
    private RecipientCsv csv;
    private int lastRow;

    public RecipientCsvReader(Path file, Optional<Character> separator) {
        this.file = file;
        this.separator = separator;
        setName("recipientCsvReader");
    }

    @Override
    protected void doOpen() throws Exception {
        csv = RecipientCsv.open(file, separator);
    }

    @Override
    protected CsvRow doRead() throws Exception {
        String[] values = csv.next();
        while (values != null && values.length == 1 && values[0].isBlank()) {
            values = csv.next();
        }
        if (values == null) {
            return null;
        }
        List<String> header = csv.header();
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(values.length, header.size()); i++) {
            fields.put(header.get(i), values[i].trim());
        }
        String malformation = values.length == header.size() ? null
                : "malformed row: " + values.length + " fields where the header has " + header.size();
        lastRow = getCurrentItemCount();
        return new CsvRow(lastRow, fields, malformation);
    }

    /** Data rows read so far, rows skipped on a restart included: after the last read, the list's size. */
    public int rowsRead() {
        return lastRow;
    }

    @Override
    protected void doClose() throws Exception {
        if (csv != null) {
            csv.close();
        }
    }
}
