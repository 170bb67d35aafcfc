package com.campaignsender.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTests {

    @Test
    void neutralisesCellsASpreadsheetWouldRunAsFormulas() {
        assertThat(CsvCells.neutralise("=HYPERLINK(\"http://evil\")")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(CsvCells.neutralise("+12025551001")).isEqualTo("'+12025551001");
        assertThat(CsvCells.neutralise("-1")).isEqualTo("'-1");
        assertThat(CsvCells.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.neutralise("\tcmd")).isEqualTo("'\tcmd");
    }

    @Test
    void leavesOrdinaryCellsAlone() {
        assertThat(CsvCells.neutralise("ann@example.com")).isEqualTo("ann@example.com");
        assertThat(CsvCells.neutralise("a=b")).isEqualTo("a=b");
        assertThat(CsvCells.neutralise((String) null)).isEmpty();
    }
}
