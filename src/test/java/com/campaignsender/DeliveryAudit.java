package com.campaignsender;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run's ledger held against the sandbox's own record of what it created (SPEC section 17):
 * messages beyond the first for one recipient, recipients neither sent to nor FAILED with a
 * reason, rows not final, and rows whose state or message id disagree with the sandbox. All zero
 * when the promise holds.
 */
public record DeliveryAudit(int duplicates, int neverSent, int notFinal, int mismatches, String notes) {

    public boolean holds() {
        return duplicates == 0 && neverSent == 0 && notFinal == 0 && mismatches == 0;
    }

    public String line() {
        return "duplicates=" + duplicates + " never-sent=" + neverSent + " not-final=" + notFinal
                + " report-mismatches=" + mismatches + (notes.isEmpty() ? "" : " (" + notes + ")");
    }

    /** Audits every row of the database's ledger ({@code rows} of them expected) against the sandbox at {@code voipbin}. */
    public static DeliveryAudit of(AppProcesses processes, String voipbin, int rows) throws Exception {
        Map<String, Integer> messages = processes.messagesPerRecipient(voipbin);
        Map<String, String> ids = processes.idPerRecipient(voipbin);
        int duplicates = 0;
        int neverSent = 0;
        int notFinal = 0;
        int mismatches = 0;
        int seen = 0;
        List<String> notes = new ArrayList<>();
        try (Connection connection = processes.connect(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT l.address, r.state, r.provider_message_id, r.error"
                        + " FROM recipient r JOIN list_row l ON l.run_id = r.run_id AND l.row_no = r.row_no")) {
            while (rs.next()) {
                seen++;
                String address = rs.getString(1);
                String state = rs.getString(2);
                String id = rs.getString(3);
                int count = messages.getOrDefault(address, 0);
                duplicates += Math.max(0, count - 1);
                boolean sent = state.equals("DELIVERED") || state.equals("ACCEPTED") || state.equals("BOUNCED");
                if (state.equals("PENDING") || state.equals("SENDING") || state.equals("IN_DOUBT")) {
                    notFinal++;
                    note(notes, address + " " + state);
                }
                else if (state.equals("FAILED") && count > 0) {
                    mismatches++;
                    note(notes, address + " FAILED (" + rs.getString(4) + ") but the provider holds " + count);
                }
                else if (sent && count == 0) {
                    mismatches++;
                    note(notes, address + " " + state + " but the provider holds nothing");
                }
                else if (sent && !ids.get(address).equals(id)) {
                    mismatches++;
                    note(notes, address + " holds " + id + ", the provider's message is " + ids.get(address));
                }
                if (count == 0 && !state.equals("FAILED") && !state.equals("REJECTED")) {
                    neverSent++;
                }
            }
        }
        if (seen != rows) {
            notes.add(seen + " rows in the ledger, not " + rows);
            notFinal += Math.abs(rows - seen);
        }
        return new DeliveryAudit(duplicates, neverSent, notFinal, mismatches, String.join("; ", notes));
    }

    private static void note(List<String> notes, String note) {
        if (notes.size() < 5) {
            notes.add(note);
        }
    }
}
