package com.campaignsender.recipients;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

import com.campaignsender.ledger.RowReason;

/**
 * Streams a recipient list row by row for the load step. Restartable: the step saves how many
 * rows were read, and a restart skips that many, so each row enters the ledger once.
 * Blank lines are not rows; a row whose field count differs from the header's, or that strays
 * from RFC 4180 in a way that cannot be read safely, is passed on marked rejected, so that it is
 * reported rather than lost.
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
        CsvRecords.Record record = csv.next();
        while (record != null && record.blank()) {
            record = csv.next();
        }
        if (record == null) {
            return null;
        }
        lastRow = getCurrentItemCount();
        if (record.cut()) {
            return new CsvRow(lastRow, Map.of(), RowReason.of(RowLimits.ROW_TOO_LONG));
        }
        List<String> header = csv.header();
        List<String> values = record.fields();
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(values.size(), header.size()); i++) {
            fields.put(header.get(i), values.get(i).trim());
        }
        RowReason rejection = record.malformation() != null ? RowReason.of(record.malformation())
                : values.size() != header.size()
                        ? RowReason.of("malformed row: %s fields where the header has %d", RowReason.own(values.size()), header.size())
                : null;
        return new CsvRow(lastRow, fields, rejection);
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
