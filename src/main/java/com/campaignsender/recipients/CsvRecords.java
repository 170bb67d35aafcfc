package com.campaignsender.recipients;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the records of a CSV text by RFC 4180, to the letter: a field that starts with a double
 * quote runs to the matching quote, a doubled quote inside it is one quote, and everything else
 * inside it (separators, line breaks as written, backslashes) is data. There is no other escape:
 * backslashes are data everywhere, as Excel, Python and most exports write them.
 *
 * <p>Where a file strays from RFC 4180 it is read the way spreadsheets read it, or the row is
 * marked, never merged with the next one: a quote inside an unquoted field is data ({@code 5'11"});
 * text after a field's closing quote marks the record malformed (its row is rejected and
 * reported). A quote that never closes is the one fault that cannot be confined to a row, since
 * every line after it would be read into one cell: it throws {@link UnterminatedQuoteException}
 * naming the line the quote opened on.
 *
 * <p>OpenCSV's parsers are not used here because both guess at quotes line by line: a stray quote
 * in a row's last cell merges the following line into it, and a quoted line break CRLF becomes LF.
 *
 * <p>A record keeps at most {@link #MAX_RECORD_CHARS} characters; the rest of a longer one is read
 * past and the record marked {@link Record#cut()}, so that no file can make one row fill memory.
 */
final class CsvRecords implements AutoCloseable {

    static final int MAX_RECORD_CHARS = 1 << 20;
    private static final char QUOTE = '"';
    private static final int END = -1;

    /** One record: its fields, the line it starts on, what strays from RFC 4180 in it, and whether it was cut. */
    record Record(List<String> fields, long line, String malformation, boolean cut) {

        /** A line with nothing on it, which is not a row. */
        boolean blank() {
            return fields.size() == 1 && fields.get(0).isBlank() && malformation == null;
        }
    }

    private final Reader in;
    private final char separator;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private long line = 1;

    CsvRecords(Reader in, char separator) {
        this.in = in;
        this.separator = separator;
    }

    /** The next record, or null at the end of the text. */
    Record next() throws IOException {
        int c = read();
        if (c == END) {
            return null;
        }
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String malformation = null;
        int kept = 0;
        boolean cut = false;
        while (true) {
            boolean quoted = c == QUOTE;
            if (quoted) {
                long opened = line;
                for (c = read(); ; c = read()) {
                    if (c == END) {
                        throw new UnterminatedQuoteException(opened);
                    }
                    if (c == QUOTE) {
                        c = read();
                        if (c != QUOTE) {
                            break;
                        }
                    }
                    cut |= !keep(field, c, kept++);
                }
            }
            boolean strayText = false;
            while (c != END && c != separator && !lineBreak(c)) {
                strayText |= quoted;
                cut |= !keep(field, c, kept++);
                c = read();
            }
            if (strayText && malformation == null) {
                malformation = "malformed row: text after the closing quote of field " + (fields.size() + 1);
            }
            fields.add(field.toString());
            field.setLength(0);
            if (c != separator) {
                endLine(c);
                return new Record(List.copyOf(fields), start, malformation, cut);
            }
            c = read();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static boolean keep(StringBuilder field, int c, int kept) {
        if (kept >= MAX_RECORD_CHARS) {
            return false;
        }
        field.append((char) c);
        return true;
    }

    private static boolean lineBreak(int c) {
        return c == '\n' || c == '\r';
    }

    /** Consumes the record's line break: LF, CRLF, or a lone CR (old Mac exports). */
    private void endLine(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            read();
        }
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return END;
        }
        char c = buffer[position++];
        if (c == '\n' || c == '\r' && peek() != '\n') {
            line++;
        }
        return c;
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return END;
        }
        return buffer[position];
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        while (n == 0) {
            n = in.read(buffer);
        }
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    /** A quote that opens a field and never closes: the file cannot be read into rows. */
    static final class UnterminatedQuoteException extends IOException {

        private final long line;

        UnterminatedQuoteException(long line) {
            super("line " + line + ": a quote opens a field and is never closed (RFC 4180: a quote inside a quoted field is written twice)");
            this.line = line;
        }

        long line() {
            return line;
        }
    }
}
