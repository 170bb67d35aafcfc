package com.campaignsender.ledger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.campaignsender.definition.RunIdentity;
import com.campaignsender.recipients.RowLimits;

import db.migration.common.V8__Message_keys_of_recorded_messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ledger's writes of the load and send steps and its lookups by provider message id, on the real database. */
@SpringBootTest
class LedgerTests {

    @Autowired
    private ListLoading loading;

    @Autowired
    private SendingLedger sending;

    @Autowired
    private StatusLedger statuses;

    @Autowired
    private CampaignRuns runs;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private TransactionTemplate transaction;

    private long runId;

    @BeforeEach
    void aRunOfSixRows() {
        runId = runs.findOrCreate(new RunIdentity("ledger-" + UUID.randomUUID(), "0".repeat(64)), Path.of("c.yml"),
                Path.of("list.csv"), List.of("email")).id();
        loading.insert(runId, IntStream.rangeClosed(1, 6)
                .mapToObj(row -> NewRecipient.pending(row, "r" + row + "@example.com", Map.of("email", "r" + row + "@example.com")))
                .toList());
    }

    @Test
    void keepsARowAtTheListsLimitsWhole() {
        // RowLimits: an address of 320 characters, cells of 65,535 bytes; quotes and line breaks
        // make the stored JSON longer still, and MySQL's TEXT would refuse it (V17).
        String address = "\u00e9".repeat(RowLimits.ADDRESS_CHARS - "@example.com".length()) + "@example.com";
        String quoted = "\"\n".repeat(20_000);
        String note = "\u4e8c".repeat((RowLimits.ROW_BYTES - quoted.length() - address.getBytes(StandardCharsets.UTF_8).length) / 3);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("email", address);
        fields.put("quoted", quoted);
        fields.put("note", note);
        loading.insert(runId, List.of(NewRecipient.pending(7, address, fields)));

        RecipientToSend kept = sending.rowsAfter(runId, DeliveryState.PENDING, 6, RowRange.ALL, 1).get(0);
        assertThat(kept.address()).isEqualTo(address);
        assertThat(kept.fields()).isEqualTo(fields);
    }

    @Test
    void aChunkIsMarkedSendingAndItsUnrenderableRowsRejectedTogether() {
        transaction.executeWithoutResult(status -> {
            sending.recordRendered(runId, List.of(rejected(3)));
            sending.claim(runId, "voipbin", "test:1", List.of(2, 4, 5));
        });

        assertThat(states()).containsExactly("PENDING", "SENDING", "REJECTED", "SENDING", "SENDING", "PENDING");
    }

    @Test
    void aChunkWithARowNoLongerPendingIsNotMarked() {
        // Row 3 was cancelled after the send step read it: the ledger is not what the send step read.
        transaction.executeWithoutResult(status -> sending.recordRendered(runId, List.of(rejected(3))));
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> sending.claim(runId, "voipbin", "test:1", List.of(2, 3, 4))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("of rows 2 to 4, 2 were PENDING, not the 3 the send step read");

        assertThat(states()).as("rolled back: none of them may be sent").containsOnly("PENDING", "REJECTED");
    }

    @Test
    void aChunkMarksItsOwnRowsAndNotThePendingRowsBetweenThem() {
        // Row 3 waits for its send window while rows 2 and 4 go out.
        transaction.executeWithoutResult(status -> sending.claim(runId, "voipbin", "test:1", List.of(2, 4)));

        assertThat(rows(sending.rowsAfter(runId, DeliveryState.SENDING, 0, RowRange.ALL, 10))).containsExactly(2, 4);
        assertThat(rows(sending.rowsAfter(runId, DeliveryState.PENDING, 0, RowRange.ALL, 10))).contains(3).doesNotContain(2, 4);
    }

    @Test
    void pagesOfRowsInAStateComeInRowOrderPastRowsInOtherStates() {
        transaction.executeWithoutResult(status -> {
            sending.recordRendered(runId, List.of(rejected(1)));
            sending.claim(runId, "voipbin", "test:1", List.of(2, 3));
            sending.recordAnswers(runId, List.of(accepted(2, "id-two"), inDoubt(3)));
            sending.claim(runId, "voipbin", "test:1", List.of(5));
            sending.recordAnswers(runId, List.of(inDoubt(5)));
        });

        assertThat(rows(sending.rowsAfter(runId, DeliveryState.PENDING, 0, RowRange.ALL, 1))).containsExactly(4);
        assertThat(rows(sending.rowsAfter(runId, DeliveryState.PENDING, 4, RowRange.ALL, 5))).containsExactly(6);
        assertThat(rows(sending.rowsAfter(runId, DeliveryState.PENDING, 6, RowRange.ALL, 5))).isEmpty();
        assertThat(rows(sending.rowsAfter(runId, DeliveryState.IN_DOUBT, 0, RowRange.ALL, 5))).containsExactly(3, 5);
        assertThat(sending.rowsAfter(runId, DeliveryState.PENDING, 0, RowRange.ALL, 1).get(0).fields()).containsEntry("email", "r4@example.com");
    }

    @Test
    void statusesFindTheirMessagesByIdAndNoOtherId() {
        transaction.executeWithoutResult(status -> {
            sending.claim(runId, "voipbin", "test:1", List.of(1, 2));
            sending.recordAnswers(runId, List.of(accepted(1, "id-one"), accepted(2, "id-two")));
        });

        statuses.applyStatuses(List.of(new StatusChange("id-two", DeliveryState.DELIVERED, "delivered"),
                new StatusChange("id-unknown", DeliveryState.BOUNCED, "bounced")));

        assertThat(states()).startsWith("ACCEPTED", "DELIVERED", "PENDING");
        assertThat(statuses.runsOf(List.of("id-one", "id-unknown", "ID-ONE")).keySet()).containsExactly("id-one");
    }

    @Test
    void moreMessageIdsThanAStatementTakesParametersAreLookedUp() {
        // The report's discrepancy check asks about every unmatched message of a run at once: a
        // provider listing a second sending of a 100,000-row list named 100,000 of them (H2 takes
        // 100,000 parameters, PostgreSQL 65,535).
        transaction.executeWithoutResult(status -> {
            sending.claim(runId, "voipbin", "test:1", List.of(1));
            sending.recordAnswers(runId, List.of(accepted(1, "id-ours")));
        });
        List<String> ids = IntStream.range(0, 110_000).mapToObj(n -> "id-not-ours-" + n).collect(Collectors.toList());
        ids.add("id-ours");

        assertThat(statuses.runsOf(ids)).containsExactly(Map.entry("id-ours", runId));
    }

    @Test
    void messagesRecordedBeforeMessageKeysAreFoundAfterTheMigration() throws Exception {
        transaction.executeWithoutResult(status -> {
            sending.claim(runId, "voipbin", "test:1", List.of(1));
            sending.recordAnswers(runId, List.of(accepted(1, "id-from-before")));
        });
        jdbc.update("UPDATE recipient SET message_key = NULL WHERE run_id = ?", runId);
        assertThat(statuses.runsOf(List.of("id-from-before")).keySet()).as("without its key").isEmpty();

        try (Connection connection = dataSource.getConnection()) {
            new V8__Message_keys_of_recorded_messages().migrate(context(connection));
        }

        assertThat(statuses.runsOf(List.of("id-from-before")).keySet()).containsExactly("id-from-before");
        statuses.applyStatuses(List.of(new StatusChange("id-from-before", DeliveryState.DELIVERED, "delivered")));
        assertThat(states()).startsWith("DELIVERED");
    }

    private List<String> states() {
        return jdbc.queryForList("SELECT state FROM recipient WHERE run_id = ? ORDER BY row_no", String.class, runId);
    }

    private static SendResult rejected(int row) {
        return new SendResult(row, DeliveryState.REJECTED, null, null, "template: missing field", null, 0);
    }

    private static SendResult inDoubt(int row) {
        return new SendResult(row, DeliveryState.IN_DOUBT, null, null, "no answer", null, 1);
    }

    private static List<Integer> rows(List<RecipientToSend> page) {
        return page.stream().map(RecipientToSend::row).toList();
    }

    private static SendResult accepted(int row, String providerMessageId) {
        return new SendResult(row, DeliveryState.ACCEPTED, providerMessageId, "queued", null, null, 1);
    }

    private static Context context(Connection connection) {
        return new Context() {
            @Override
            public Configuration getConfiguration() {
                return null;
            }

            @Override
            public Connection getConnection() {
                return connection;
            }
        };
    }
}
