package com.campaignsender.report;

/**
 * Report cells are recipient data, and a spreadsheet runs a cell that starts with {@code =},
 * {@code +}, {@code -} or {@code @} (or a tab or carriage return) as a formula. Such a cell gets
 * a leading apostrophe, which spreadsheets show as text.
 */
final class CsvCells {

    private CsvCells() {
    }

    static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell == null ? "" : cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }

    static String[] neutralise(String... cells) {
        String[] safe = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            safe[i] = neutralise(cells[i]);
        }
        return safe;
    }
}
