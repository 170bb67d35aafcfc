package com.campaignsender.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A ledger written before V10 (address and fields in the recipient row) reads the same after V10
 * and V11 moved them to list_row: the database of this context starts at V9.
 */
@SpringBootTest(properties = "spring.flyway.target=9")
class ListRowMigrationTests {

    @Autowired
    private Flyway flyway;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private LedgerReadings readings;

    @Autowired
    private SendingLedger sending;

    @Autowired
    private ListLoading loading;

    @Test
    void rowsLoadedBeforeTheMoveAreReadWithTheirAddressesAndFields() {
        jdbc.update("INSERT INTO campaign_run (id, campaign, recipients_sha256, recipients_file, definition_file, columns_json, status, created_at)"
                + " VALUES (7, 'before-v10', 'sha', 'list.csv', 'c.yml', '[\"email\",\"name\"]', 'RUNNING', CURRENT_TIMESTAMP)");
        jdbc.update("INSERT INTO recipient (run_id, row_no, address, fields, state, provider_message_id, attempts, updated_at) VALUES"
                + " (7, 1, 'ann@example.com', '{\"email\":\"ann@example.com\",\"name\":\"Ann\"}', 'ACCEPTED', 'id-ann', 1, CURRENT_TIMESTAMP),"
                + " (7, 2, 'bob@example.com', '{\"email\":\"bob@example.com\",\"name\":\"Bob\"}', 'PENDING', NULL, 0, CURRENT_TIMESTAMP)");

        Flyway.configure().configuration(flyway.getConfiguration()).target("latest").load().migrate();

        List<LedgerLine> lines = new ArrayList<>();
        readings.forEachRow(7, lines::add);
        assertThat(lines).extracting(LedgerLine::row, LedgerLine::address, LedgerLine::state, LedgerLine::providerMessageId)
                .containsExactly(tuple(1, "ann@example.com", DeliveryState.ACCEPTED, "id-ann"),
                        tuple(2, "bob@example.com", DeliveryState.PENDING, null));
        assertThat(lines.get(1).fields()).isEqualTo(Map.of("email", "bob@example.com", "name", "Bob"));
        assertThat(sending.rowsAfter(7, DeliveryState.PENDING, 0, RowRange.ALL, 10)).extracting(RecipientToSend::address)
                .containsExactly("bob@example.com");
        assertThat(loading.firstRowsOf(7, List.of("ann@example.com", "carl@example.com"))).isEqualTo(Map.of("ann@example.com", 1));
    }
}
