package com.campaignsender.recipients;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.exceptions.CsvValidationException;

/**
 * How a recipient list is opened: UTF-8 (a byte-order mark is dropped), the separator given or
 * else detected from the header line (the most frequent of ',', ';', tab and '|', ',' when none),
 * the header row naming the columns.
 */
public final class RecipientCsv implements AutoCloseable {

    private static final char BOM = '\uFEFF';
    private static final char[] SEPARATORS = { ',', ';', '\t', '|' };

    private final Path file;
    private final CSVReader reader;
    private final List<String> header;

    private RecipientCsv(Path file, CSVReader reader, List<String> header) {
        this.file = file;
        this.reader = reader;
        this.header = header;
    }

    public static RecipientCsv open(Path file, Optional<Character> configuredSeparator) throws IOException {
        char separator = configuredSeparator.isPresent() ? configuredSeparator.get() : detectSeparator(file);
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

    /**
     * Reads the whole file once to find the first line that is not UTF-8: an export in another
     * encoding is refused before anything is sent, rather than failing half-way through a run.
     */
    public static Optional<String> encodingProblem(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long number = 1;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            for (int b = in.read(); ; b = in.read()) {
                if (b == '\n' || b < 0) {
                    try {
                        decoder.decode(ByteBuffer.wrap(line.toByteArray()));
                    }
                    catch (CharacterCodingException ex) {
                        return Optional.of(file + " line " + number
                                + ": not UTF-8 text; save the list as UTF-8 (CSV UTF-8 in a spreadsheet)");
                    }
                    if (b < 0) {
                        return Optional.empty();
                    }
                    line.reset();
                    number++;
                }
                else {
                    line.write(b);
                }
            }
        }
    }

    public List<String> header() {
        return header;
    }

    /** The next record, or null at the end of the file. */
    public String[] next() throws IOException {
        return readNext(reader, file);
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
            char best = ',';
            long bestCount = 0;
            for (char candidate : SEPARATORS) {
                long count = line == null ? 0 : line.chars().filter(c -> c == candidate).count();
                if (count > bestCount) {
                    best = candidate;
                    bestCount = count;
                }
            }
            return best;
        }
    }
}
