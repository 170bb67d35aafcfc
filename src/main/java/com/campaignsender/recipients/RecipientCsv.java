package com.campaignsender.recipients;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.exceptions.CsvValidationException;

/**
 * How a recipient list is opened: UTF-8 (a byte-order mark is dropped), separator detected from
 * the header line (';' when it has more of them than ','), the header row naming the columns.
 */
public final class RecipientCsv implements AutoCloseable {

    private static final char BOM = '\uFEFF';

    private final Path file;
    private final CSVReader reader;
    private final List<String> header;

    private RecipientCsv(Path file, CSVReader reader, List<String> header) {
        this.file = file;
        this.reader = reader;
        this.header = header;
    }

    public static RecipientCsv open(Path file) throws IOException {
        char separator = detectSeparator(file);
        BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVReader reader = new CSVReaderBuilder(in)
                .withCSVParser(new CSVParserBuilder().withSeparator(separator).build())
                .build();
        String[] first = readNext(reader, file);
        if (first == null) {
            reader.close();
            throw new IOException(file + " is empty: a recipient list starts with a header row");
        }
        List<String> header = new ArrayList<>();
        for (String name : first) {
            header.add(name.trim());
        }
        if (!header.isEmpty() && !header.get(0).isEmpty() && header.get(0).charAt(0) == BOM) {
            header.set(0, header.get(0).substring(1));
        }
        return new RecipientCsv(file, reader, List.copyOf(header));
    }

    public List<String> header() {
        return header;
    }

    /** The next record, or null at the end of the file. */
    public String[] next() throws IOException {
        return readNext(reader, file);
    }

    /** The physical line the reader has reached, for messages about a broken record. */
    public long linesRead() {
        return reader.getLinesRead();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private static String[] readNext(CSVReader reader, Path file) throws IOException {
        try {
            return reader.readNext();
        }
        catch (CsvValidationException ex) {
            throw new IOException(file + " line " + ex.getLineNumber() + ": " + ex.getMessage(), ex);
        }
    }

    private static char detectSeparator(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            if (line == null) {
                return ',';
            }
            long semicolons = line.chars().filter(c -> c == ';').count();
            long commas = line.chars().filter(c -> c == ',').count();
            return semicolons > commas ? ';' : ',';
        }
    }
}
