package com.campaignsender.recipients;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import com.campaignsender.ledger.RowReason;

/**
 * What the ledger keeps of a row, checked per row when the list is read, so that no cell can stop
 * a load: a row past a limit is rejected naming it, and the load goes on. The address as the
 * list had it is kept in {@code list_row.address} (VARCHAR(320): RFC 5321's 64 characters of
 * local part, '@' and 255 of domain, with room to spare); the cells in {@code list_row.fields},
 * which every database holds past {@link #ROW_BYTES} with the column names (MEDIUMTEXT on MySQL,
 * V17). A row of more than 64 KiB is no recipient but a broken export, and the load's chunks stay
 * small in memory.
 */
public final class RowLimits {

    public static final int ADDRESS_CHARS = 320;
    public static final int ROW_BYTES = 65_535;
    static final String ROW_TOO_LONG = "row longer than " + String.format("%,d", ROW_BYTES) + " bytes";

    private RowLimits() {
    }

    /** The limit this row's cells pass, named, or empty. */
    static Optional<RowReason> exceeded(Map<String, String> fields, String addressColumn) {
        long bytes = 0;
        String largest = null;
        int largestBytes = -1;
        for (Map.Entry<String, String> cell : fields.entrySet()) {
            int size = cell.getValue().getBytes(StandardCharsets.UTF_8).length;
            bytes += size;
            if (size > largestBytes) {
                largest = cell.getKey();
                largestBytes = size;
            }
        }
        if (bytes > ROW_BYTES) {
            return Optional.of(RowReason.of("%s: its cells hold %s, the largest is '%s' with %s", ROW_TOO_LONG,
                    RowReason.own(String.format("%,d", bytes)), largest, RowReason.own(String.format("%,d", largestBytes))));
        }
        String address = fields.get(addressColumn);
        if (!fits(address)) {
            return Optional.of(RowReason.of("address longer than " + ADDRESS_CHARS + " characters in column '" + addressColumn + "'"));
        }
        return Optional.empty();
    }

    /** The address as the ledger can keep it: as the list had it, or none when it is too long to keep. */
    static String storable(String address) {
        return fits(address) ? address : null;
    }

    private static boolean fits(String address) {
        return address == null || address.codePointCount(0, address.length()) <= ADDRESS_CHARS;
    }
}
