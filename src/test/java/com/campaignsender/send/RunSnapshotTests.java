package com.campaignsender.send;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;

import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.RunStatus;
import com.campaignsender.operate.CampaignRunner;
import com.campaignsender.operate.RunControls;
import com.campaignsender.operate.RunOutcome;
import com.campaignsender.sandbox.SandboxMessage;
import com.campaignsender.sandbox.SandboxServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a run started with is what it sends (SPEC section 20): paused half way, its subject
 * template edited and its definition moved away, the run resumed by its id sends the rest with the
 * subject it began with, nobody twice, and says what changed.
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
// Its own database and sandbox: the messages counted are this run's.
@DirtiesContext
class RunSnapshotTests {

    private static final int RECIPIENTS = 120;

    @Autowired
    private CampaignRunner runner;

    @Autowired
    private RunControls controls;

    @Autowired
    private CampaignRuns runs;

    @Autowired
    private SandboxServer sandbox;

    @TempDir
    Path dir;

    @Test
    void aResumedRunSendsWhatItStartedWithThoughItsFilesChangedOrWentAway(CapturedOutput output) throws Exception {
        Path job = GeneratedCampaign.write(dir, "snapshot", "snap", "snapshot.example.com", RECIPIENTS,
                "{ rate: 40/s, burst: 5, concurrency: 2, chunk: 10 }", "{ poll-interval: 100ms, timeout: 30s }");
        CompletableFuture<RunOutcome> first = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run(job, Optional.empty());
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        Instant deadline = Instant.now().plusSeconds(30);
        while (sent().size() < 20) {
            assertThat(Instant.now()).as("the run sent its first rows").isBefore(deadline);
            Thread.sleep(20);
        }
        long runId = runs.list(Optional.of("snapshot")).get(0).id();
        assertThat(controls.ask(runId, RunControls.Action.PAUSE)).isPresent();
        assertThat(first.get(60, TimeUnit.SECONDS).result()).isEqualTo(RunOutcome.Result.PAUSED);
        int beforeResume = sent().size();
        assertThat(beforeResume).isLessThan(RECIPIENTS);

        Files.writeString(dir.resolve("subject.ftl"), "EDITED for ${name}");
        Files.move(job, dir.resolve("moved-away.yml"));
        assertThat(controls.ask(runId, RunControls.Action.RESUME)).isPresent();
        RunOutcome resumed = runner.execute(runs.find(runId).orElseThrow(), "a test's resume");

        assertThat(resumed.result()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(resumed.summary().snapshotSha256()).as("summary.json names what the run sent").matches("[0-9a-f]{64}");
        assertThat(runs.find(runId).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
        List<SandboxMessage> sent = sent();
        Map<String, Long> perRecipient = sent.stream().collect(Collectors.groupingBy(SandboxMessage::to, Collectors.counting()));
        assertThat(perRecipient).hasSize(RECIPIENTS);
        assertThat(perRecipient.values()).as("nobody twice").allMatch(count -> count == 1);
        assertThat(sent).allSatisfy(message -> assertThat(message.subject()).startsWith("News for Reader"));
        assertThat(output).contains(dir.resolve("snapshot.yml").toAbsolutePath().normalize() + ", "
                + dir.resolve("subject.ftl").toAbsolutePath().normalize() + " changed since run " + runId
                + " started; run " + runId + " goes on with what it started with");
    }

    private List<SandboxMessage> sent() {
        return sandbox.store().created(message -> message.to().endsWith("@snapshot.example.com"));
    }
}
