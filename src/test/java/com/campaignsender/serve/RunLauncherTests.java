package com.campaignsender.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.RunStatus;
import com.campaignsender.operate.CampaignRunner;
import com.campaignsender.operate.RunOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

/** One run at a time per campaign, and the moment a run's report is out before its thread lets go. */
@SpringBootTest
// A spied runner: a context of its own.
@DirtiesContext
class RunLauncherTests {

    private static final String HEADER = "email,first_name,last_name,plan,city,start_date\n";

    @MockitoSpyBean
    private CampaignRunner runner;

    @Autowired
    private RunLauncher launcher;

    @Autowired
    private CampaignRuns runs;

    /** The run whose thread holds on to its campaign once it is reported. */
    private long firstRun;

    @Test
    void aListThatComesWhileTheCampaignsReportedRunLetsGoWaitsForItInsteadOfBeingRefused() throws Exception {
        // The first run's thread, once its run is reported, holds on to the campaign until let go:
        // the moment between a report the page shows and the end of the run's bookkeeping, widened.
        CountDownLatch letGo = new CountDownLatch(1);
        doAnswer(invocation -> {
            RunOutcome outcome = (RunOutcome) invocation.callRealMethod();
            if (outcome.run().id() == firstRun) {
                letGo.await(30, TimeUnit.SECONDS);
            }
            return outcome;
        }).when(runner).execute(any(CampaignRunner.PreparedRun.class), anyString());
        CampaignRunner.PreparedRun first = prepared("first", 3);
        firstRun = first.run().id();
        assertThat(launcher.launch(first, "a test")).isEmpty();
        awaitReported(firstRun);

        CampaignRunner.PreparedRun second = prepared("second", 2);
        CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
        Thread starting = new Thread(() -> answer.complete(launcher.launch(second, "a test")));
        starting.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (starting.getState() != Thread.State.TIMED_WAITING && !answer.isDone()) {
            assertThat(System.nanoTime()).as("the start waits for the reported run").isLessThan(deadline);
            Thread.onSpinWait();
        }
        assertThat(answer).as("the start waits while the reported run lets go").isNotDone();
        letGo.countDown();

        assertThat(answer.get(15, TimeUnit.SECONDS)).as("not refused").isEmpty();
        awaitReported(second.run().id());
        assertThat(runs.find(second.run().id()).orElseThrow().status()).isIn(RunStatus.RUNNING, RunStatus.COMPLETED);
    }

    @Test
    void aListThatComesWhileTheCampaignSendsIsRefusedAtOnce() throws Exception {
        CampaignRunner.PreparedRun sending = prepared("long", 400);
        assertThat(launcher.launch(sending, "a test")).isEmpty();

        Optional<String> refusal = launcher.launch(prepared("short", 1), "a test");

        assertThat(refusal).hasValueSatisfying(reason -> assertThat(reason)
                .isEqualTo("campaign welcome-email is sending run " + sending.run().id() + " in this service; nothing was sent"));
        awaitReported(sending.run().id());
    }

    private CampaignRunner.PreparedRun prepared(String name, int rows) throws Exception {
        StringBuilder list = new StringBuilder(HEADER);
        for (int row = 1; row <= rows; row++) {
            list.append(name).append(row).append("@example.com,Ann,Lee,Plus,Utrecht,2026-12-02\n");
        }
        Path file = Files.createTempFile("launcher-" + name, ".csv");
        Files.writeString(file, list);
        return runner.prepare(Path.of("jobs/welcome-email.yml"), Optional.of(file), false);
    }

    /** Polls until the run's report page is written, as the web page sees it. */
    private void awaitReported(long runId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!runner.reported(runId)) {
            assertThat(System.nanoTime()).as("run " + runId + " reported").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
