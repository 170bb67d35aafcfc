package com.campaignsender.send;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.campaignsender.DatabaseNeutral;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.LedgerReadings;
import com.campaignsender.operate.CampaignRunner;
import com.campaignsender.operate.RunOutcome;
import com.campaignsender.sandbox.SandboxMessage;
import com.campaignsender.sandbox.SandboxServer;
import com.campaignsender.sandbox.SandboxSettings;
import com.campaignsender.sandbox.SandboxStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that must stop (credential refused, its account unavailable for too long) stops with
 * nothing lost, and the same command resumes it once the provider is right again; a shorter
 * outage the run waits out. The provider here is replaced on the same port.
 */
@SpringBootTest
@DatabaseNeutral
class HaltAndResumeTests {

    private static final String APP_TOKEN = "app-token";
    private static final int PORT = freePort();
    private static final int RECIPIENTS = 300;

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("campaign.providers.voipbin.base-url", () -> "http://127.0.0.1:" + PORT + "/v1.0");
        registry.add("campaign.providers.voipbin.token", () -> APP_TOKEN);
        // A stand-in for VoIPBIN: paced by the campaign's limits.rate, not VoIPBIN's documented 16/s.
        registry.add("campaign.providers.voipbin.rate", () -> "unlimited");
    }

    @Autowired
    private CampaignRunner runner;

    @Autowired
    private LedgerReadings ledger;

    @TempDir
    Path dir;

    private SandboxServer provider;

    @AfterEach
    void stop() {
        provider.close();
    }

    private SandboxServer provider(String token, double failureRate) {
        if (provider != null) {
            provider.close();
        }
        provider = new SandboxServer(PORT, settings(token, failureRate), new SandboxStore(Clock.systemUTC()),
                JsonMapper.builder().build());
        return provider;
    }

    private static SandboxSettings settings(String token, double failureRate) {
        return new SandboxSettings(Duration.ZERO, Duration.ofMillis(50), token, null, failureRate, 0, 0, 0, 0, Duration.ofSeconds(1), null, 0, null);
    }

    @Test
    void aRefusedCredentialStopsTheRunAndTheSameCommandResumesIt() throws Exception {
        Path job = campaign("credential");
        SandboxServer refusing = provider("another-token", 0);

        RunOutcome stopped = runner.run(job, Optional.empty());

        assertThat(stopped.result()).isEqualTo(RunOutcome.Result.FAILED);
        assertThat(stopped.message()).contains("voipbin refused the credential", "HTTP 401").doesNotContain(APP_TOKEN);
        assertThat(refusing.store().created(message -> true)).isEmpty();
        assertThat(ledger.countByState(stopped.run().id())).containsOnlyKeys(DeliveryState.PENDING);

        SandboxServer accepting = provider(APP_TOKEN, 0);
        RunOutcome resumed = runner.run(job, Optional.empty());

        assertThat(resumed.result()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(resumed.run().id()).isEqualTo(stopped.run().id());
        assertEveryRecipientHasOneMessage(accepting.store().created(message -> true));
    }

    @Test
    void anAccountUnavailableLongerThanTheOutageTimeoutStopsTheRunAndTheSameCommandResumesIt() throws Exception {
        Path job = campaign("outage-timeout", RECIPIENTS, "5000/s", "6s");
        SandboxServer failing = provider(APP_TOKEN, 1.0);

        RunOutcome stopped = runner.run(job, Optional.empty());

        assertThat(stopped.result()).isEqualTo(RunOutcome.Result.FAILED);
        assertThat(stopped.message()).contains("voipbin unavailable since ",
                ": longer than limits.outage-timeout (6s); run the same command again once it is back");
        assertThat(failing.store().created(message -> true)).isEmpty();
        Map<DeliveryState, Long> states = ledger.countByState(stopped.run().id());
        assertThat(states).as("an outage fails no message").containsOnlyKeys(DeliveryState.PENDING);

        SandboxServer healthy = provider(APP_TOKEN, 0);
        RunOutcome resumed = runner.run(job, Optional.empty());

        assertThat(resumed.result()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(resumed.summary().rowsAccountedFor()).isEqualTo(RECIPIENTS);
        assertEveryRecipientHasOneMessage(healthy.store().created(message -> true));
    }

    /**
     * The provider is gone for 30 seconds in the middle of a run (connections refused): the
     * account's breaker holds the senders back and probes until it is back, and the same run
     * completes with every recipient sent once and no row FAILED.
     */
    @Test
    void aThirtySecondOutageInTheMiddleOfARunEndsWithTheRunCompleted() throws Exception {
        int recipients = 400;
        Path job = campaign("outage", recipients, "40/s", "30m");
        SandboxStore store = provider(APP_TOKEN, 0).store();
        CompletableFuture<RunOutcome> run = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run(job, Optional.empty());
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        awaitCreated(store, 100);

        provider.close();
        int createdBeforeOutage = store.created(message -> true).size();
        Thread.sleep(Duration.ofSeconds(30).toMillis());
        provider = new SandboxServer(PORT, settings(APP_TOKEN, 0), store, JsonMapper.builder().build());
        RunOutcome outcome = run.get(3, TimeUnit.MINUTES);

        assertThat(outcome.result()).as(outcome.message()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(createdBeforeOutage).as("the outage began mid-run").isLessThan(recipients);
        assertThat(outcome.summary().rowsAccountedFor()).isEqualTo(recipients);
        assertThat(ledger.countByState(outcome.run().id())).as("no row FAILED because of the outage")
                .containsOnlyKeys(DeliveryState.DELIVERED);
        Map<String, Long> perRecipient = store.created(message -> true).stream()
                .collect(Collectors.groupingBy(SandboxMessage::to, Collectors.counting()));
        assertThat(perRecipient).hasSize(recipients);
        assertThat(perRecipient.values()).as("nothing sent twice").allMatch(count -> count == 1);
    }

    private static void awaitCreated(SandboxStore store, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (store.created(message -> true).size() < count) {
            assertThat(Instant.now()).as("messages created by now").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private void assertEveryRecipientHasOneMessage(List<SandboxMessage> created) {
        Map<String, Long> perRecipient = created.stream()
                .collect(Collectors.groupingBy(SandboxMessage::to, Collectors.counting()));
        assertThat(perRecipient).hasSize(RECIPIENTS);
        assertThat(perRecipient.values()).allMatch(count -> count == 1);
    }

    private Path campaign(String name) throws IOException {
        return campaign(name, RECIPIENTS, "5000/s", "30m");
    }

    private Path campaign(String name, int recipients, String rate, String outageTimeout) throws IOException {
        return GeneratedCampaign.write(dir, "halt-" + name, name, "halt.example.com", recipients,
                "{ rate: " + rate + ", burst: 10, concurrency: 8, chunk: 50, max-attempts: 2, error-threshold: 0.2, outage-timeout: "
                        + outageTimeout + " }",
                "{ poll-interval: 100ms, timeout: 30s }");
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
