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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.RecipientLedger;
import com.campaignsender.sandbox.SandboxMessage;
import com.campaignsender.sandbox.SandboxServer;
import com.campaignsender.sandbox.SandboxSettings;
import com.campaignsender.sandbox.SandboxStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that must stop (credential refused, too many failures) stops with nothing lost, and the
 * same command resumes it once the provider is right again: the provider here is replaced on the
 * same port between the two runs.
 */
@SpringBootTest
class HaltAndResumeTests {

    private static final String APP_TOKEN = "app-token";
    private static final int PORT = freePort();
    private static final int RECIPIENTS = 300;

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("campaign.providers.voipbin.base-url", () -> "http://127.0.0.1:" + PORT + "/v1.0");
        registry.add("campaign.providers.voipbin.token", () -> APP_TOKEN);
    }

    @Autowired
    private CampaignRunner runner;

    @Autowired
    private RecipientLedger ledger;

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
        provider = new SandboxServer(PORT, new SandboxSettings(Duration.ZERO, Duration.ofMillis(50), token, null,
                failureRate, 0, 0, 0), new SandboxStore(Clock.systemUTC()), JsonMapper.builder().build());
        return provider;
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
    void tooManyFailuresStopTheRunAndTheSameCommandResumesIt() throws Exception {
        Path job = campaign("failures");
        SandboxServer failing = provider(APP_TOKEN, 1.0);

        RunOutcome stopped = runner.run(job, Optional.empty());

        assertThat(stopped.result()).isEqualTo(RunOutcome.Result.FAILED);
        assertThat(stopped.message()).contains("of the last 100 attempts failed, above limits.error-threshold", "HTTP 500");
        assertThat(failing.store().created(message -> true)).isEmpty();
        Map<DeliveryState, Long> states = ledger.countByState(stopped.run().id());
        assertThat(states.getOrDefault(DeliveryState.PENDING, 0L) + states.getOrDefault(DeliveryState.FAILED, 0L))
                .isEqualTo(RECIPIENTS);

        SandboxServer healthy = provider(APP_TOKEN, 0);
        RunOutcome resumed = runner.run(job, Optional.empty());

        assertThat(resumed.result()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(resumed.summary().rowsAccountedFor()).isEqualTo(RECIPIENTS);
        List<SandboxMessage> created = healthy.store().created(message -> true);
        assertThat(created.stream().map(SandboxMessage::to).distinct().count()).isEqualTo(created.size());
        assertThat(created).hasSize(states.getOrDefault(DeliveryState.PENDING, 0L).intValue());
    }

    private void assertEveryRecipientHasOneMessage(List<SandboxMessage> created) {
        Map<String, Long> perRecipient = created.stream()
                .collect(Collectors.groupingBy(SandboxMessage::to, Collectors.counting()));
        assertThat(perRecipient).hasSize(RECIPIENTS);
        assertThat(perRecipient.values()).allMatch(count -> count == 1);
    }

    private Path campaign(String name) throws IOException {
        return GeneratedCampaign.write(dir, "halt-" + name, name, "halt.example.com", RECIPIENTS,
                "{ rate: 5000/s, burst: 100, concurrency: 8, chunk: 50, max-attempts: 2, error-threshold: 0.2 }",
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
