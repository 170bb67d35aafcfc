package com.campaignsender.send;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.LedgerLine;
import com.campaignsender.ledger.LedgerReadings;
import com.campaignsender.ledger.LedgerRows;
import com.campaignsender.operate.CampaignRunner;
import com.campaignsender.operate.RunOutcome;
import com.campaignsender.sandbox.SandboxMessage;
import com.campaignsender.sandbox.SandboxServer;
import com.campaignsender.sandbox.SandboxSettings;
import com.campaignsender.sandbox.SandboxStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A VoIPBIN account whose balance runs out mid-run (SPEC 18): every further request is answered
 * 402 PAYMENT_REQUIRED, which is the account's state, not the recipients'. The run stops at once,
 * failing nobody, and the same command finishes it once the account is topped up.
 */
@SpringBootTest
// Its own clock: the account is held a minute after a 402, which the test moves past without waiting.
@DirtiesContext
class SpentBalanceTests {

    private static final int PORT = freePort();
    private static final int RECIPIENTS = 300;
    private static final long BALANCE = 120;
    private static final String TOKEN = "balance-token";

    @TestConfiguration
    static class Clocks {

        @Bean
        @Primary
        ShiftedClock shiftedClock() {
            return new ShiftedClock();
        }
    }

    @DynamicPropertySource
    static void account(DynamicPropertyRegistry registry) {
        registry.add("campaign.providers.voipbin.base-url", () -> "http://127.0.0.1:" + PORT + "/v1.0");
        registry.add("campaign.providers.voipbin.token", () -> TOKEN);
        // A stand-in for VoIPBIN: paced by the campaign's limits.rate, not VoIPBIN's documented 16/s.
        registry.add("campaign.providers.voipbin.rate", () -> "unlimited");
    }

    @Autowired
    private CampaignRunner runner;

    @Autowired
    private LedgerReadings ledger;

    @Autowired
    private ShiftedClock clock;

    @TempDir
    Path dir;

    private SandboxServer provider;

    @AfterEach
    void stop() {
        provider.close();
    }

    private SandboxServer provider(Long balance) {
        if (provider != null) {
            provider.close();
        }
        provider = new SandboxServer(PORT, new SandboxSettings(Duration.ZERO, Duration.ofMillis(50), TOKEN, null, 0, 0, 0, 0, 0,
                Duration.ofSeconds(1), balance, 0, null), new SandboxStore(Clock.systemUTC()), JsonMapper.builder().build());
        return provider;
    }

    @Test
    void aSpentBalanceStopsTheRunWithTheRestPendingAndTheSameCommandFinishesIt() throws Exception {
        Path job = GeneratedCampaign.write(dir, "balance", "balance", "balance.example.com", RECIPIENTS,
                "{ rate: 2000/s, burst: 10, concurrency: 8, chunk: 50, max-attempts: 2, error-threshold: 0.2 }",
                "{ poll-interval: 100ms, timeout: 30s }");
        SandboxServer spent = provider(BALANCE);

        RunOutcome stopped = runner.run(job, Optional.empty());

        assertThat(stopped.result()).isEqualTo(RunOutcome.Result.FAILED);
        assertThat(stopped.message()).contains("the voipbin account's balance is out",
                "PAYMENT_REQUIRED INSUFFICIENT_BALANCE: the account's balance is not enough for this request",
                "top it up and run the same command again");
        assertThat(spent.store().created(message -> true)).hasSize((int) BALANCE);
        Map<DeliveryState, Long> states = ledger.countByState(stopped.run().id());
        assertThat(states).as("a spent balance fails no recipient").doesNotContainKeys(DeliveryState.FAILED);
        assertThat(states.get(DeliveryState.PENDING)).isEqualTo(RECIPIENTS - BALANCE);
        assertThat(LedgerRows.of(ledger, stopped.run().id()).values().stream().map(LedgerLine::error))
                .as("the provider's words, as its error envelope has them")
                .contains("POST /emails: HTTP 402 PAYMENT_REQUIRED INSUFFICIENT_BALANCE: the account's balance is not enough for this request");

        SandboxServer toppedUp = provider(null);
        clock.advance(Duration.ofMinutes(1)); // past the hold: the resumed run's first request is the probe
        RunOutcome resumed = runner.run(job, Optional.empty());

        assertThat(resumed.result()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(resumed.run().id()).isEqualTo(stopped.run().id());
        assertThat(toppedUp.store().created(message -> true)).hasSize((int) (RECIPIENTS - BALANCE));
        List<SandboxMessage> all = new java.util.ArrayList<>(spent.store().created(message -> true));
        all.addAll(toppedUp.store().created(message -> true));
        assertThat(all.stream().collect(Collectors.groupingBy(SandboxMessage::to, Collectors.counting())).values())
                .hasSize(RECIPIENTS).allMatch(count -> count == 1);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
