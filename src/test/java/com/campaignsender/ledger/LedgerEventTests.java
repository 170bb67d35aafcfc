package com.campaignsender.ledger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import com.campaignsender.definition.RunIdentity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery state machine walked on the real database (H2, and MariaDB or PostgreSQL under
 * their profiles): every event tried from every state towards every state it leads to. A legal
 * move is taken and counted; any other changes nothing, whichever write is asked.
 */
@SpringBootTest
class LedgerEventTests {

    private static final int ROW = 1;

    @Autowired
    private ListLoading loading;

    @Autowired
    private SendingLedger sending;

    @Autowired
    private SettlingLedger settling;

    @Autowired
    private StatusLedger statuses;

    @Autowired
    private CampaignRuns runs;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void everyEventMovesARowOnlyFromTheStatesItMayFindItIn() {
        List<String> wrong = new ArrayList<>();
        for (LedgerEvent.Move move : LedgerEvent.MOVES) {
            if (move.event() == LedgerEvent.LOADED) {
                continue;
            }
            for (DeliveryState from : DeliveryState.values()) {
                long runId = aRunWithOneRowIn(from);
                int moved = take(move.event(), runId, move.to());
                boolean legal = move.from().contains(from);
                DeliveryState now = state(runId);
                if (now != (legal ? move.to() : from) || moved != (legal ? 1 : 0)) {
                    wrong.add(move.event() + " " + from + " -> " + move.to() + ": the row is " + now + ", " + moved + " moved");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aLatePollNeverTurnsADeliveredRowBackButABounceAfterDeliveryCounts() {
        long runId = aRunWithOneRowIn(DeliveryState.DELIVERED);

        assertThat(statuses.applyStatuses(List.of(new StatusChange(messageId(runId), DeliveryState.ACCEPTED, "processed")))).isZero();
        assertThat(state(runId)).isEqualTo(DeliveryState.DELIVERED);
        assertThat(jdbc.queryForObject("SELECT seen_at FROM recipient WHERE run_id = ?", Object.class, runId))
                .as("shown by the provider all the same").isNotNull();

        assertThat(statuses.applyStatuses(List.of(new StatusChange(messageId(runId), DeliveryState.BOUNCED, "bounce")))).isOne();
        assertThat(state(runId)).isEqualTo(DeliveryState.BOUNCED);
    }

    @Test
    void anAnswerForARowASettleAlreadyMovedChangesNothing() {
        long runId = aRunWithOneRowIn(DeliveryState.ACCEPTED);

        assertThat(sending.recordAnswers(runId, List.of(result(DeliveryState.IN_DOUBT)))).isZero();
        assertThat(state(runId)).isEqualTo(DeliveryState.ACCEPTED);
    }

    /** Asks the write named for {@code event} to move the run's row to {@code to}; answers how many rows it moved. */
    private int take(LedgerEvent event, long runId, DeliveryState to) {
        return switch (event) {
            case RENDERED -> sending.recordRendered(runId, List.of(result(to)));
            case CLAIMED -> claim(runId);
            case ANSWERED -> sending.recordAnswers(runId, List.of(result(to)));
            case CRASH_FOUND -> sending.findCrashed(runId, new RowRange(ROW, ROW));
            case SETTLED -> settling.settle(runId, List.of(result(to)));
            case STATUS_SEEN -> statuses.applyStatuses(List.of(new StatusChange(messageId(runId), to, "status-" + to)));
            case CANCELLED_BEFORE_SENDING -> sending.cancelPending(runId);
            case LOADED -> throw new IllegalArgumentException("a row is loaded once");
        };
    }

    /** A claim that finds a row not PENDING refuses the whole chunk (see LedgerTests). */
    private int claim(long runId) {
        try {
            sending.claim(runId, "voipbin", "test:1", List.of(ROW));
            return 1;
        }
        catch (IllegalStateException refused) {
            return 0;
        }
    }

    private long aRunWithOneRowIn(DeliveryState state) {
        long runId = runs.findOrCreate(new RunIdentity("moves-" + UUID.randomUUID(), "0".repeat(64)), Path.of("c.yml"),
                Path.of("list.csv"), List.of("email")).id();
        loading.insert(runId, List.of(NewRecipient.pending(ROW, "ann@example.com", Map.of("email", "ann@example.com"))));
        jdbc.update("UPDATE recipient SET state = ?, provider_message_id = ?, message_key = ? WHERE run_id = ?",
                state.name(), messageId(runId), MessageKey.of(messageId(runId)), runId);
        return runId;
    }

    private static String messageId(long runId) {
        return "m-" + runId;
    }

    private static SendResult result(DeliveryState state) {
        return new SendResult(ROW, state, null, null, "moved to " + state, null, 0);
    }

    private DeliveryState state(long runId) {
        return DeliveryState.valueOf(jdbc.queryForObject("SELECT state FROM recipient WHERE run_id = ?", String.class, runId));
    }
}
