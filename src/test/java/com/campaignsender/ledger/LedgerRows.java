package com.campaignsender.ledger;

import java.util.HashMap;
import java.util.Map;

/** A run's ledger lines by row number, for tests to look rows up in. */
public final class LedgerRows {

    private LedgerRows() {
    }

    public static Map<Integer, LedgerLine> of(LedgerReadings ledger, long runId) {
        Map<Integer, LedgerLine> rows = new HashMap<>();
        ledger.forEachRow(runId, line -> rows.put(line.row(), line));
        return rows;
    }
}
