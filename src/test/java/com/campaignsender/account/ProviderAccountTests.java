package com.campaignsender.account;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.campaignsender.gateway.SendOutcome;
import com.campaignsender.gateway.SendOutcome.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/** One account's health: its breaker opens on transient failures, probes after a wait, closes when probes succeed. */
class ProviderAccountTests {

    private final TickingClock clock = new TickingClock(Duration.ZERO);
    private final ProviderAccount account = ProviderAccount.withoutBudget("voipbin", clock);

    private static SendOutcome fault(Kind kind) {
        return SendOutcome.failed(kind, "detail", null);
    }

    @Test
    void transientFailuresOpenTheBreakerAndTheOutageIsDescribed() throws InterruptedException {
        Instant since = clock.instant();
        for (int i = 0; i < 20; i++) {
            assertThat(account.awaitTurn(() -> false)).isEqualTo(ProviderAccount.Turn.GO);
            account.record(fault(i % 2 == 0 ? Kind.TRANSIENT_FAILURE : Kind.NO_ANSWER), 1_000);
        }

        assertThat(account.healthy()).isFalse();
        ProviderAccount.Unavailable unavailable = account.unavailable().orElseThrow();
        assertThat(unavailable.since()).isEqualTo(since);
        assertThat(unavailable.nextProbe()).isEqualTo(since.plus(ProviderAccount.PROBE_AFTER));
        assertThat(unavailable.describe()).matches("voipbin unavailable since \\d\\d:\\d\\d:\\d\\d, next probe \\d\\d:\\d\\d:\\d\\d");
    }

    @Test
    void whileOpenNoRequestGoesOutUntilTheWaitIsOver() throws InterruptedException {
        open();
        AtomicInteger looks = new AtomicInteger();
        assertThat(account.awaitTurn(() -> looks.incrementAndGet() > 3)).as("held back, looking again")
                .isEqualTo(ProviderAccount.Turn.STOPPED);
        clock.advance(ProviderAccount.PROBE_AFTER.plusMillis(1));
        assertThat(account.awaitTurn(() -> false)).as("a probe").isEqualTo(ProviderAccount.Turn.GO);
    }

    @Test
    void probesAfterTheWaitCloseTheBreakerWhenTheySucceed() throws InterruptedException {
        open();
        clock.advance(ProviderAccount.PROBE_AFTER.plusMillis(1));
        for (int probe = 0; probe < 3; probe++) {
            assertThat(account.awaitTurn(() -> false)).isEqualTo(ProviderAccount.Turn.GO);
            account.record(SendOutcome.accepted("id", "queued", null), 1_000);
        }
        assertThat(account.healthy()).isTrue();
        assertThat(account.unavailable()).isEmpty();
    }

    @Test
    void rateLimitsAndRefusalsOfOneMessageLeaveTheAccountHealthy() throws InterruptedException {
        for (int i = 0; i < 40; i++) {
            account.awaitTurn(() -> false);
            account.record(fault(i % 2 == 0 ? Kind.PERMANENT_FAILURE : Kind.UNAUTHORIZED), 1_000);
        }
        assertThat(account.healthy()).isTrue();
    }

    @Test
    void aSpentBalanceHoldsEveryRunOnTheAccountUntilAProbeFindsItToppedUp() throws InterruptedException {
        Instant since = clock.instant();
        account.awaitTurn(() -> false);
        account.record(fault(Kind.PAYMENT_REQUIRED), 1_000);

        assertThat(account.unavailable().orElseThrow().describe())
                .matches("voipbin out of balance since \\d\\d:\\d\\d:\\d\\d, next probe \\d\\d:\\d\\d:\\d\\d");
        assertThat(account.unavailable().orElseThrow().nextProbe()).isEqualTo(since.plus(ProviderAccount.BALANCE_PROBE_AFTER));
        AtomicInteger looks = new AtomicInteger();
        assertThat(account.awaitTurn(() -> looks.incrementAndGet() > 3)).as("another run, held").isEqualTo(ProviderAccount.Turn.STOPPED);
        assertThat(account.awaitReadTurn(() -> false)).as("reads are not held").isEqualTo(ProviderAccount.Turn.GO);
        assertThat(account.healthy()).as("the breaker is for outages; a balance is not one").isTrue();

        clock.advance(ProviderAccount.BALANCE_PROBE_AFTER);
        assertThat(account.awaitTurn(() -> false)).as("the probe").isEqualTo(ProviderAccount.Turn.GO);
        AtomicInteger otherLooks = new AtomicInteger();
        assertThat(account.awaitTurn(() -> otherLooks.incrementAndGet() > 3)).as("the others wait for its answer")
                .isEqualTo(ProviderAccount.Turn.STOPPED);
        account.record(SendOutcome.accepted("id", "queued", null), 1_000);
        assertThat(account.unavailable()).as("topped up").isEmpty();
        assertThat(account.awaitTurn(() -> false)).isEqualTo(ProviderAccount.Turn.GO);
    }

    private void open() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            account.awaitTurn(() -> false);
            account.record(fault(Kind.TRANSIENT_FAILURE), 1_000);
        }
        assertThat(account.healthy()).isFalse();
    }
}
