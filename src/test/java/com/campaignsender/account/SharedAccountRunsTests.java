package com.campaignsender.account;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.campaignsender.sandbox.SandboxServer;
import com.campaignsender.send.CampaignRunner;
import com.campaignsender.send.GeneratedCampaign;
import com.campaignsender.send.RunOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two campaigns sending at once in one process through one 200/s account, whose provider
 * answers 429 above 200/s: together they send close to 200/s, and no request is refused.
 */
@SpringBootTest(properties = { "campaign.providers.voipbin.rate=200/s", "campaign.sandbox.rate-limit=200" })
class SharedAccountRunsTests {

    private static final int RECIPIENTS = 500;

    @Autowired
    private CampaignRunner runner;

    @Autowired
    private SandboxServer sandbox;

    @TempDir
    Path dir;

    @Test
    void twoCampaignsShareTheAccountsBudget() throws Exception {
        List<CompletableFuture<RunOutcome>> runs = List.of("first", "second").stream().map(name -> {
            Path job = campaign(name);
            return CompletableFuture.supplyAsync(() -> run(job));
        }).toList();
        List<RunOutcome> outcomes = runs.stream().map(run -> {
            try {
                return run.get(2, TimeUnit.MINUTES);
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }).toList();

        for (RunOutcome outcome : outcomes) {
            assertThat(outcome.result()).as(outcome.message()).isEqualTo(RunOutcome.Result.COMPLETED);
            assertThat(outcome.summary().rateLimited()).as("429s").isZero();
            assertThat(outcome.summary().states()).containsEntry("DELIVERED", (long) RECIPIENTS);
        }
        SharedRate rate = SharedRate.of(sandbox.store().created(message -> true).stream()
                .map(message -> Map.entry(message.to(), message.createdAt())).toList(), "@first.example.com", "@second.example.com");
        assertThat(rate.perRecipient().values()).as("every recipient once").allMatch(count -> count == 1);
        assertThat(rate.perRecipient()).hasSize(2 * RECIPIENTS);
        assertThat(rate.perSecondWhileBothSend()).as("together, while both send").isGreaterThanOrEqualTo(0.9 * 200);
    }

    private RunOutcome run(Path job) {
        try {
            return runner.run(job, Optional.empty());
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private Path campaign(String name) {
        try {
            // Each campaign alone could send 1000/s: the account's budget is what holds them to 200/s together.
            return GeneratedCampaign.write(Files.createDirectories(dir.resolve(name)), name, "reader", name + ".example.com",
                    RECIPIENTS, "{ rate: 1000/s, burst: 100, concurrency: 8, chunk: 50 }", "{ poll-interval: 200ms, timeout: 1m }");
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
