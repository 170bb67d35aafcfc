package com.campaignsender.recipients;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

import com.campaignsender.gateway.Channel;

/**
 * Reads a file of addresses into the suppression list: one address per line (or the first column
 * of a CSV; a first line that is not an address is taken as its header). Email addresses and
 * phone numbers may be mixed; national numbers need a region. Addresses are normalised as the
 * ledger normalises them, so a suppressed address matches however a list writes it.
 */
@Service
public class SuppressionImport {

    private static final int BATCH = 1000;

    /** What an import did: addresses added, already there, and the lines refused with their reason. */
    public record Result(int added, int alreadySuppressed, List<String> refused) {
    }

    private final SuppressionList suppression;

    public SuppressionImport(SuppressionList suppression) {
        this.suppression = suppression;
    }

    public Result importFile(Path file, SuppressionList.Reason reason, String defaultRegion) throws IOException {
        AddressRules emails = new AddressRules(Channel.EMAIL, null);
        AddressRules phones = new AddressRules(Channel.SMS, defaultRegion);
        List<String> batch = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        int added = 0;
        int seen = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String raw = firstColumn(line);
                if (raw.isEmpty()) {
                    continue;
                }
                try {
                    batch.add(raw.contains("@") ? emails.normalise(raw) : phones.normalise(raw));
                }
                catch (IllegalArgumentException ex) {
                    if (number > 1 || raw.chars().anyMatch(Character::isDigit)) {
                        refused.add(file + " line " + number + ": " + ex.getMessage());
                    }
                    continue; // a first line with no digits and no '@' is a header
                }
                if (batch.size() == BATCH) {
                    seen += batch.size();
                    added += suppression.add(batch, reason, "import of " + file.getFileName());
                    batch.clear();
                }
            }
        }
        seen += batch.size();
        added += suppression.add(batch, reason, "import of " + file.getFileName());
        return new Result(added, seen - added, refused);
    }

    private static String firstColumn(String line) {
        String stripped = line.replace("\uFEFF", "").strip();
        int comma = stripped.indexOf(',');
        int semicolon = stripped.indexOf(';');
        int end = comma < 0 ? semicolon : semicolon < 0 ? comma : Math.min(comma, semicolon);
        return (end < 0 ? stripped : stripped.substring(0, end)).replace("\"", "").strip();
    }
}
