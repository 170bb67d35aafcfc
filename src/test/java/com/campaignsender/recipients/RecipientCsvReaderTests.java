package com.campaignsender.recipients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class RecipientCsvReaderTests {

    @TempDir
    Path dir;

    private List<CsvRow> readAll(Path file, ExecutionContext context) throws Exception {
        RecipientCsvReader reader = new RecipientCsvReader(file, Optional.empty());
        reader.open(context);
        List<CsvRow> rows = new ArrayList<>();
        for (CsvRow row = reader.read(); row != null; row = reader.read()) {
            rows.add(row);
        }
        reader.update(context);
        reader.close();
        return rows;
    }

    @Test
    void mapsEachRowToItsHeaderAndNumbersDataRowsFromOne() throws Exception {
        Path file = Files.writeString(dir.resolve("list.csv"), "email,first_name\nann@example.com,Ann\nbob@example.com, Bob \n");
        List<CsvRow> rows = readAll(file, new ExecutionContext());
        assertThat(rows).extracting(CsvRow::row).containsExactly(1, 2);
        assertThat(rows.get(1).fields()).containsExactly(entry("email", "bob@example.com"), entry("first_name", "Bob"));
        assertThat(rows).noneMatch(CsvRow::rejected);
    }

    @Test
    void dropsAByteOrderMarkAndReadsSemicolonLists() throws Exception {
        Path file = dir.resolve("excel.csv");
        Files.write(file, "\uFEFFemail;name\nann@example.com;Ann, Jr.\n".getBytes(StandardCharsets.UTF_8));
        List<CsvRow> rows = readAll(file, new ExecutionContext());
        assertThat(rows.get(0).fields()).containsExactly(entry("email", "ann@example.com"), entry("name", "Ann, Jr."));
    }

    @Test
    void keepsQuotedNewlinesSkipsBlankLinesAndMarksRaggedRows() throws Exception {
        Path file = Files.writeString(dir.resolve("list.csv"),
                "email,note\nann@example.com,\"two\nlines\"\n\nbob@example.com\ncy@example.com,a,b\n");
        List<CsvRow> rows = readAll(file, new ExecutionContext());
        assertThat(rows).extracting(CsvRow::row).containsExactly(1, 2, 3);
        assertThat(rows.get(0).fields().get("note")).isEqualTo("two\nlines");
        assertThat(rows.get(1).rejection().text()).isEqualTo("malformed row: 1 fields where the header has 2");
        assertThat(rows.get(1).rejection().group()).as("counted with the rows of another length")
                .isEqualTo("malformed row: … fields where the header has 2");
        assertThat(rows.get(2).rejection().text()).isEqualTo("malformed row: 3 fields where the header has 2");
    }

    @Test
    void rejectsARowTooLongToHoldAndReadsOn() throws Exception {
        Path file = Files.writeString(dir.resolve("list.csv"),
                "email,note\nann@example.com,\"" + "x".repeat(CsvRecords.MAX_RECORD_CHARS) + "\"\nbob@example.com,\"a \"\"b\"\"\"\n");
        List<CsvRow> rows = readAll(file, new ExecutionContext());
        assertThat(rows.get(0).rejection().text()).isEqualTo("row longer than 65,535 bytes");
        assertThat(rows.get(0).fields()).isEmpty();
        assertThat(rows.get(1).fields()).containsExactly(entry("email", "bob@example.com"), entry("note", "a \"b\""));
    }

    @Test
    void resumesAfterTheRowsAnInterruptedLoadHadRead() throws Exception {
        Path file = Files.writeString(dir.resolve("list.csv"), "email\na@example.com\nb@example.com\nc@example.com\n");
        ExecutionContext context = new ExecutionContext();
        RecipientCsvReader first = new RecipientCsvReader(file, Optional.empty());
        first.open(context);
        first.read();
        first.read();
        first.update(context);
        first.close();

        List<CsvRow> rest = readAll(file, context);
        assertThat(rest).extracting(CsvRow::row).containsExactly(3);
        assertThat(rest.get(0).fields().get("email")).isEqualTo("c@example.com");
    }

    @Test
    void countsTheRowsOfTheWholeList() throws Exception {
        Path file = Files.writeString(dir.resolve("list.csv"), "email\na@example.com\n\nb@example.com\n");
        RecipientCsvReader reader = new RecipientCsvReader(file, Optional.empty());
        reader.open(new ExecutionContext());
        while (reader.read() != null) {
            // read to the end
        }
        assertThat(reader.rowsRead()).isEqualTo(2);
        reader.close();
    }

    @Test
    void readsTabSeparatedListsAndTakesTheConfiguredSeparator() throws Exception {
        Path tabs = Files.writeString(dir.resolve("tabs.tsv"), "email\tname\nann@example.com\tAnn, Jr.\n");
        assertThat(readAll(tabs, new ExecutionContext()).get(0).fields()).containsEntry("name", "Ann, Jr.");

        Path pipes = Files.writeString(dir.resolve("pipes.csv"), "email|note\nann@example.com|a;b;c;d\n");
        RecipientCsvReader reader = new RecipientCsvReader(pipes, Optional.of('|'));
        reader.open(new ExecutionContext());
        assertThat(reader.read().fields()).containsEntry("note", "a;b;c;d");
        reader.close();
    }

    @Test
    void findsTheFirstLineThatIsNotUtf8() throws IOException {
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "email,name\nann@example.com,Ann\nbob@example.com,Jos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(RecipientCsv.unreadable(latin1, Optional.empty()))
                .contains(latin1 + " line 3: not UTF-8 text; save the list as UTF-8 (CSV UTF-8 in a spreadsheet)");
        Path utf8 = Files.writeString(dir.resolve("utf8.csv"), "email,name\nbob@example.com,Jos\u00e9\n");
        assertThat(RecipientCsv.unreadable(utf8, Optional.empty())).isEmpty();
    }

    @Test
    void refusesAnEmptyFile() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.csv"), "");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RecipientCsv.open(file, Optional.empty()))
                .hasMessageContaining("empty.csv is empty: a recipient list starts with a header row");
    }
}
