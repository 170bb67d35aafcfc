package com.campaignsender.recipients;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;


/**
 * How a recipient list is opened: UTF-8 (a byte-order mark is dropped), read by RFC 4180
 * ({@link CsvRecords}), the separator given or else detected from the header line (the most
 * frequent of ',', ';', tab and '|', ',' when none), the header row naming the columns.
 */
public final class RecipientCsv implements AutoCloseable {

    private static final char BOM = '\uFEFF';
    private static final char[] SEPARATORS = { ',', ';', '\t', '|' };

    private final Path file;
    private final CsvRecords records;
    private final List<String> header;

    private RecipientCsv(Path file, CsvRecords records, List<String> header) {
        this.file = file;
        this.records = records;
        this.header = header;
    }

    public static RecipientCsv open(Path file, Optional<Character> configuredSeparator) throws IOException {
        char separator = configuredSeparator.isPresent() ? configuredSeparator.get() : detectSeparator(file);
        CsvRecords records = new CsvRecords(Files.newBufferedReader(file, StandardCharsets.UTF_8), separator);
        RecipientCsv csv = new RecipientCsv(file, records, List.of());
        CsvRecords.Record first = csv.next();
        if (first == null) {
            csv.close();
            throw new IOException(file + " is empty: a recipient list starts with a header row");
        }
        List<String> header = new ArrayList<>();
        for (String name : first.fields()) {
            header.add(name.trim());
        }
        if (!header.isEmpty() && !header.get(0).isEmpty() && header.get(0).charAt(0) == BOM) {
            header.set(0, header.get(0).substring(1));
        }
        return new RecipientCsv(file, records, List.copyOf(header));
    }

    /**
     * What makes the file unreadable as a list, found before anything is sent: the first line
     * that is not UTF-8, or a quote that never closes (which would read every line after it into
     * one cell). Reads the whole file; a fault confined to a row is left for the load to reject.
     */
    public static Optional<String> unreadable(Path file, Optional<Character> separator) throws IOException {
        Optional<String> encoding = encodingProblem(file);
        if (encoding.isPresent()) {
            return encoding;
        }
        try (RecipientCsv csv = open(file, separator)) {
            while (csv.next() != null) {
                // read to the end: an unterminated quote throws
            }
            return Optional.empty();
        }
        catch (IOException ex) {
            return Optional.of(ex.getMessage());
        }
    }

    /**
     * The first line that is not UTF-8, found by decoding the file in blocks (an export in
     * another encoding is refused before anything is sent, rather than failing half-way through
     * a run); lines are counted only in what was decoded.
     */
    private static Optional<String> encodingProblem(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        CharBuffer chars = CharBuffer.allocate(1 << 16);
        long line = 1;
        try (ReadableByteChannel in = Files.newByteChannel(file)) {
            while (true) {
                boolean end = in.read(bytes) < 0;
                bytes.flip();
                CoderResult result;
                do {
                    int from = bytes.position();
                    result = decoder.decode(bytes, chars, end);
                    line += newlines(bytes.array(), from, bytes.position());
                    chars.clear();
                }
                while (result.isOverflow());
                if (result.isError()) {
                    return Optional.of(file + " line " + line
                            + ": not UTF-8 text; save the list as UTF-8 (CSV UTF-8 in a spreadsheet)");
                }
                if (end) {
                    return Optional.empty();
                }
                bytes.compact();
            }
        }
    }

    private static int newlines(byte[] bytes, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                count++;
            }
        }
        return count;
    }

    public List<String> header() {
        return header;
    }

    /** The next record, or null at the end of the file. */
    CsvRecords.Record next() throws IOException {
        try {
            return records.next();
        }
        catch (CsvRecords.UnterminatedQuoteException ex) {
            throw new IOException(file + " " + ex.getMessage(), ex);
        }
    }

    @Override
    public void close() throws IOException {
        records.close();
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
