package db.migration.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import com.campaignsender.ledger.MessageKey;

/**
 * Fills in the message key (V7) of every message recorded before it existed, so that reconcile
 * and webhooks still find them. Java, not SQL: the key must be the one the ledger computes, and
 * H2 and MySQL share no SHA-256 function. A page at a time by primary key, so that a ledger of
 * millions never sits in memory.
 */
public class V8__Message_keys_of_recorded_messages extends BaseJavaMigration {

    private static final int PAGE = 1000;

    private record Recorded(long runId, int row, String providerMessageId) {
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (PreparedStatement select = connection.prepareStatement("SELECT run_id, row_no, provider_message_id FROM recipient"
                + " WHERE provider_message_id IS NOT NULL AND (run_id > ? OR (run_id = ? AND row_no > ?))"
                + " ORDER BY run_id, row_no LIMIT " + PAGE);
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE recipient SET message_key = ? WHERE run_id = ? AND row_no = ?")) {
            List<Recorded> page;
            Recorded last = new Recorded(Long.MIN_VALUE, 0, null);
            do {
                page = page(select, last);
                for (Recorded message : page) {
                    update.setLong(1, MessageKey.of(message.providerMessageId()));
                    update.setLong(2, message.runId());
                    update.setInt(3, message.row());
                    update.addBatch();
                }
                update.executeBatch();
                last = page.isEmpty() ? last : page.get(page.size() - 1);
            } while (page.size() == PAGE);
        }
    }

    private static List<Recorded> page(PreparedStatement select, Recorded after) throws SQLException {
        select.setLong(1, after.runId());
        select.setLong(2, after.runId());
        select.setInt(3, after.row());
        List<Recorded> page = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                page.add(new Recorded(rs.getLong(1), rs.getInt(2), rs.getString(3)));
            }
        }
        return page;
    }
}
