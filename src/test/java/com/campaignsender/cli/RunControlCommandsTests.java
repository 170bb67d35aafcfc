package com.campaignsender.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.LedgerReadings;
import com.campaignsender.ledger.RunStatus;
import com.campaignsender.sandbox.SandboxServer;
import com.campaignsender.send.GeneratedCampaign;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pause}, {@code resume} and {@code cancel} as a user types them, while a {@code run}
 * sends in the background (another terminal): the run obeys, and what nobody sends any more the
 * command takes to its end itself.
 */
@SpringBootTest
@DirtiesContext
class RunControlCommandsTests {

    private static final int RECIPIENTS = 200;

    @Autowired
    private SpringCommandFactory factory;

    @Autowired
    private CampaignRuns runs;

    @Autowired
    private LedgerReadings ledger;

    @Autowired
    private SandboxServer sandbox;

    @TempDir
    Path dir;

    @Test
    void pauseThenResumeSendsEveryoneOnceAndAFinishedRunIsNotChanged() throws Exception {
        Path job = campaign("cli-paused");
        CompletableFuture<Integer> sending = runInBackground(job);
        CampaignRun run = awaitSending("cli-paused");

        Terminal terminal = new Terminal(factory);
        assertThat(terminal.run("pause", String.valueOf(run.id()))).as(terminal.err()).isEqualTo(ExitCodes.OK);
        assertThat(terminal.out()).contains("Run " + run.id() + " pauses after the chunk in flight.",
                "Run " + run.id() + " is PAUSED.");
        assertThat(sending.get(1, TimeUnit.MINUTES)).as("the paused run's own command: resumable").isEqualTo(ExitCodes.RESUMABLE);
        assertThat(new Terminal(factory).run("run", job.toString())).as("the same list does not undo a pause")
                .isEqualTo(ExitCodes.RESUMABLE);

        terminal.clear();
        assertThat(terminal.run("resume", String.valueOf(run.id()))).as(terminal.err()).isEqualTo(ExitCodes.OK);
        assertThat(terminal.out()).contains("Run " + run.id() + " goes on from where it stopped.", "completed",
                "rows in: " + RECIPIENTS + ", accounted for: " + RECIPIENTS);
        assertThat(sandbox.store().created(message -> message.to().endsWith("@cli-paused.example.com")))
                .extracting(message -> message.to()).doesNotHaveDuplicates().hasSize(RECIPIENTS);

        terminal.clear();
        assertThat(terminal.run("cancel", String.valueOf(run.id()))).isEqualTo(ExitCodes.REFUSED);
        assertThat(terminal.err()).contains("Nothing changed: run " + run.id() + " is COMPLETED: it is final.");
        assertThat(terminal.run("pause", "999999")).isEqualTo(ExitCodes.REFUSED);
        assertThat(terminal.err()).contains("No run 999999");
    }

    @Test
    void cancellingAPausedRunReportsTheRestCancelledAndTheListIsNotSentAgain() throws Exception {
        Path job = campaign("cli-cancelled");
        CompletableFuture<Integer> sending = runInBackground(job);
        CampaignRun run = awaitSending("cli-cancelled");
        Terminal terminal = new Terminal(factory);
        assertThat(terminal.run("pause", String.valueOf(run.id()))).isEqualTo(ExitCodes.OK);
        sending.get(1, TimeUnit.MINUTES);
        int sent = sandbox.store().created(message -> message.to().endsWith("@cli-cancelled.example.com")).size();

        terminal.clear();
        assertThat(terminal.run("cancel", String.valueOf(run.id()))).as(terminal.err()).isEqualTo(ExitCodes.OK);

        assertThat(terminal.out()).contains("cancelled, as an operator asked", "rows in: " + RECIPIENTS + ", accounted for: "
                + RECIPIENTS, "CANCELLED " + (RECIPIENTS - sent));
        assertThat(runs.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(ledger.countByState(run.id())).containsEntry(DeliveryState.CANCELLED, (long) (RECIPIENTS - sent));
        terminal.clear();
        assertThat(terminal.run("run", job.toString())).isEqualTo(ExitCodes.OK);
        assertThat(terminal.out()).contains("Nothing to do: run " + run.id() + " already sent this list", "was cancelled at");
        assertThat(sandbox.store().created(message -> message.to().endsWith("@cli-cancelled.example.com"))).hasSize(sent);
    }

    private CompletableFuture<Integer> runInBackground(Path job) {
        return CompletableFuture.supplyAsync(() -> new Terminal(factory).run("run", job.toString()));
    }

    /** The campaign's run, once it has sent a few messages. */
    private CampaignRun awaitSending(String campaign) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (sandbox.store().created(message -> message.to().endsWith("@" + campaign + ".example.com")).size() < 20) {
            assertThat(Instant.now()).as("%s sending by now", campaign).isBefore(deadline);
            Thread.sleep(20);
        }
        return runs.list(Optional.of(campaign)).get(0);
    }

    private Path campaign(String name) throws Exception {
        return GeneratedCampaign.write(dir, name, "reader", name + ".example.com", RECIPIENTS,
                "{ rate: 40/s, burst: 5, concurrency: 4, chunk: 10 }", "{ poll-interval: 100ms, timeout: 30s }");
    }
}
