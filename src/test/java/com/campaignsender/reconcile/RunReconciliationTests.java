package com.campaignsender.reconcile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import com.campaignsender.sandbox.SandboxServer;
import com.campaignsender.operate.CampaignRunner;
import com.campaignsender.send.GeneratedCampaign;
import com.campaignsender.operate.RunOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/** A whole run against the sandbox: its statuses and its record are read while later chunks still go out. */
@SpringBootTest
class RunReconciliationTests {

    @Autowired
    private CampaignRunner runner;

    @Autowired
    private SandboxServer sandbox;

    @Autowired
    private JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @Test
    void statusesAreReadWhileLaterChunksStillGoOutAndDiscrepanciesAreStillFound() throws Exception {
        // 1,000 messages at 250/s: four seconds of sending, a poll every 200 ms, final 100 ms after creation.
        Path job = GeneratedCampaign.write(dir, "overlap", "reader", "overlap.example.com", 1000,
                "{ rate: 250/s, burst: 25, concurrency: 4, chunk: 50 }", "{ poll-interval: 200ms, timeout: 30s }");
        createBehindTheLedgersBack("reader300@overlap.example.com");

        RunOutcome outcome = runner.run(job, Optional.empty());

        assertThat(outcome.result()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(outcome.summary().states()).containsEntry("DELIVERED", 1000L);
        long runId = outcome.run().id();
        Integer seenWhileSending = jdbc.queryForObject("SELECT COUNT(*) FROM recipient WHERE run_id = ?"
                + " AND seen_at < (SELECT MAX(sent_at) FROM recipient WHERE run_id = ?)", Integer.class, runId, runId);
        // Read after the run, none would be; on an idle machine about nine in ten are. A loaded one
        // (CI, with the listing's reads sharing the account's budget with the sends) showed 392.
        assertThat(seenWhileSending).as("messages the provider's listing showed before the last one was sent")
                .isGreaterThan(250);
        assertThat(outcome.summary().discrepancies()).containsEntry("DUPLICATE", 1L).containsEntry("UNKNOWN_TO_US", 0L)
                .containsEntry("UNKNOWN_AT_PROVIDER", 0L);
        assertThat(readersLeft(runId)).as("the run's readers, once its job is over").isEmpty();
    }

    /** The run's reading threads still alive, each given a moment to end after its pool was shut down. */
    private static List<Thread> readersLeft(long runId) throws InterruptedException {
        List<Thread> readers = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("reconcile-" + runId)).toList();
        for (Thread reader : readers) {
            reader.join(5_000);
        }
        return readers.stream().filter(Thread::isAlive).toList();
    }

    /** A message the run did not send, to one of its recipients: as if someone used the account by hand. */
    private void createBehindTheLedgersBack(String to) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.baseUrl("voipbin") + "/emails")).POST(HttpRequest.BodyPublishers.ofString("""
                        {"destinations": [{"type": "email", "target": "%s"}], "subject": "By hand", "content": "Hi"}"""
                        .formatted(to))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
    }
}
