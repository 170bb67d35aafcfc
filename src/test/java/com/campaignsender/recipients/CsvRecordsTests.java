package com.campaignsender.recipients;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 4180 to the letter, and what a list strays into, read without merging a row into another. */
class CsvRecordsTests {

    @TempDir
    Path dir;

    private static List<List<String>> fields(String text) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (CsvRecords.Record record : records(text)) {
            rows.add(record.fields());
        }
        return rows;
    }

    private static List<CsvRecords.Record> records(String text) throws IOException {
        List<CsvRecords.Record> records = new ArrayList<>();
        try (CsvRecords csv = new CsvRecords(new StringReader(text), ',')) {
            for (CsvRecords.Record record = csv.next(); record != null; record = csv.next()) {
                records.add(record);
            }
        }
        return records;
    }

    /** The cases of csv-spectrum (github.com/max-mapper/csv-spectrum), in data of our own. */
    @Nested
    class TheCasesOfCsvSpectrum {

        @Test
        void aSeparatorInsideQuotes() throws IOException {
            assertThat(fields("name,city\nAnn,\"Utrecht, NL\"\n")).containsExactly(List.of("name", "city"), List.of("Ann", "Utrecht, NL"));
        }

        @Test
        void emptyQuotedFieldsWithLfAndCrlf() throws IOException {
            List<List<String>> expected = List.of(List.of("a", "b", "c"), List.of("1", "", ""), List.of("2", "3", "4"));
            assertThat(fields("a,b,c\n1,\"\",\"\"\n2,3,4")).isEqualTo(expected);
            assertThat(fields("a,b,c\r\n1,\"\",\"\"\r\n2,3,4")).isEqualTo(expected);
        }

        @Test
        void aDoubledQuoteIsOneQuote() throws IOException {
            assertThat(fields("a,b\n1,\"she said \"\"hi\"\" twice\"\n3,4\n"))
                    .containsExactly(List.of("a", "b"), List.of("1", "she said \"hi\" twice"), List.of("3", "4"));
        }

        @Test
        void jsonInACell() throws IOException {
            assertThat(fields("key,val\n1,\"{\"\"plan\"\": \"\"Plus\"\", \"\"seats\"\": [1, 2]}\"\n"))
                    .containsExactly(List.of("key", "val"), List.of("1", "{\"plan\": \"Plus\", \"seats\": [1, 2]}"));
        }

        @Test
        void lineBreaksInsideQuotesAreKeptAsWritten() throws IOException {
            assertThat(fields("a,b\n\"first \nsecond\",5\n7,8\n"))
                    .containsExactly(List.of("a", "b"), List.of("first \nsecond", "5"), List.of("7", "8"));
            assertThat(fields("a,b\r\n\"first \r\nsecond\",5\r\n7,8\r\n"))
                    .containsExactly(List.of("a", "b"), List.of("first \r\nsecond", "5"), List.of("7", "8"));
        }

        @Test
        void quotesAndLineBreaksTogether() throws IOException {
            assertThat(fields("a,b\n1,\"x \n\"\"y\"\" \nz\"\n3,4\n"))
                    .containsExactly(List.of("a", "b"), List.of("1", "x \n\"y\" \nz"), List.of("3", "4"));
        }

        @Test
        void simpleWithLfCrlfAndALoneCr() throws IOException {
            List<List<String>> expected = List.of(List.of("a", "b"), List.of("1", "2"));
            assertThat(fields("a,b\n1,2\n")).isEqualTo(expected);
            assertThat(fields("a,b\r\n1,2\r\n")).isEqualTo(expected);
            assertThat(fields("a,b\r1,2\r")).isEqualTo(expected);
        }

        @Test
        void utf8() throws IOException {
            assertThat(fields("a,b\n\u02a4,\u4e8c\u30ce\u5bae\n")).containsExactly(List.of("a", "b"), List.of("\u02a4", "\u4e8c\u30ce\u5bae"));
        }
    }

    @Nested
    class Backslashes {

        @Test
        void areDataEvenJustBeforeAClosingQuote() throws IOException {
            assertThat(fields("email,share\nann@example.com,\"Share, \\\\server\\\"\nbob@example.com,x\n"))
                    .containsExactly(List.of("email", "share"), List.of("ann@example.com", "Share, \\\\server\\"),
                            List.of("bob@example.com", "x"));
        }

        @Test
        void areNeverHalvedNorEscapeAQuoteOrASeparator() throws IOException {
            assertThat(fields("a,b,c\nC:\\\\files\\,\"\\\"\"\",\\n\n"))
                    .containsExactly(List.of("a", "b", "c"), List.of("C:\\\\files\\", "\\\"", "\\n"));
        }

        @Test
        void inManyQuotedCellsLeaveEveryRowItsOwn() throws IOException {
            StringBuilder text = new StringBuilder("email,path,note\n");
            for (int row = 1; row <= 157; row++) {
                text.append("r").append(row).append("@example.com,\"\\\\host\\share").append(row).append("\\\",\"ends \\\"\n");
            }
            List<List<String>> rows = fields(text.toString());
            assertThat(rows).hasSize(158);
            assertThat(rows.get(157)).containsExactly("r157@example.com", "\\\\host\\share157\\", "ends \\");
        }
    }

    @Nested
    class WhatStraysFromRfc4180 {

        @Test
        void aQuoteInsideAnUnquotedCellIsDataAndMergesNothing() throws IOException {
            assertThat(fields("name,height\nAnn,5'11\"\nBob,6'\n"))
                    .containsExactly(List.of("name", "height"), List.of("Ann", "5'11\""), List.of("Bob", "6'"));
        }

        @Test
        void textAfterAClosingQuoteMarksItsRowOnly() throws IOException {
            List<CsvRecords.Record> records = records("a,b\n1,\"x\"y\n2,3\n");
            assertThat(records.get(1).malformation()).isEqualTo("malformed row: text after the closing quote of field 2");
            assertThat(records.get(2).fields()).containsExactly("2", "3");
            assertThat(records.get(2).malformation()).isNull();
        }

        @Test
        void aQuoteThatNeverClosesNamesTheLineItOpenedOn() {
            assertThatThrownBy(() -> records("a,b\n1,2\n3,\"two\nlines\",\"opens here\n4,5\n6,7\n"))
                    .isInstanceOf(CsvRecords.UnterminatedQuoteException.class)
                    .hasMessage("line 4: a quote opens a field and is never closed (RFC 4180: a quote inside a quoted field is written twice)");
        }

        @Test
        void aRecordPastWhatARowCanHoldIsCutAndTheNextOneRead() throws IOException {
            String huge = "x".repeat(CsvRecords.MAX_RECORD_CHARS + 1);
            List<CsvRecords.Record> records = records("a,b\n1,\"" + huge + "\"\n2,3\n");
            assertThat(records.get(1).cut()).isTrue();
            assertThat(records.get(1).fields().get(1)).hasSize(CsvRecords.MAX_RECORD_CHARS - 1);
            assertThat(records.get(2).fields()).containsExactly("2", "3");
            assertThat(records.get(2).line()).isEqualTo(3);
        }
    }

    @Test
    void aListWithAnUnterminatedQuoteIsUnreadableBeforeAnythingIsSent() throws IOException {
        Path list = Files.writeString(dir.resolve("list.csv"), "email,name\nann@example.com,Ann\nbob@example.com,\"Bob\ncy@example.com,Cy\n");
        assertThat(RecipientCsv.unreadable(list, Optional.empty()))
                .contains(list + " line 3: a quote opens a field and is never closed (RFC 4180: a quote inside a quoted field is written twice)");
    }
}
