package com.campaignsender.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.campaignsender.AppProcesses;
import com.campaignsender.send.GeneratedCampaign;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code run} that sends to the built-in sandbox, stopped (SIGTERM, as Ctrl-C) in the middle of
 * sending and run again: the sandbox of the second process knows the first one's messages, from
 * the database, so the run completes with every message delivered and none reported unknown.
 */
class SandboxRestartTests {

    private static final int RECIPIENTS = 600;
    private static final int STOP_AFTER = 150;

    @TempDir
    Path dir;

    private AppProcesses processes;
    private Connection database;

    @BeforeEach
    void processes() {
        processes = new AppProcesses(dir);
    }

    @AfterEach
    void stopEverything() throws SQLException {
        processes.close();
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aRunStoppedAndRunAgainFindsItsEarlierMessagesAtTheBuiltInSandbox() throws Exception {
        // A reconcile timeout far longer than the test waits: a sandbox that forgot would keep the run waiting for it.
        Path job = GeneratedCampaign.write(dir, "sandbox-restart", "reader", "restart.example.com", RECIPIENTS,
                "{ rate: 100/s, burst: 10, concurrency: 4, chunk: 25 }", "{ poll-interval: 200ms, timeout: 10m }");
        Map<String, String> env = new HashMap<>(processes.database());
        env.put("CAMPAIGN_REPORTS_DIR", dir.resolve("reports").toString());
        env.put("CAMPAIGN_SANDBOX_STATUS_STEP", "50ms");

        // On H2 the test opens the file first, so that it serves it to both runs (AUTO_SERVER) and can
        // look at it while they run: a connection racing a run's start would find the file locked.
        database = processes.connect();
        Process first = processes.start("first", env, "run", job.toString());
        awaitKept(STOP_AFTER, first);
        first.destroy();
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("first run stopped").isTrue();
        assertThat(first.exitValue()).as(Files.readString(processes.log("first"))).isEqualTo(1);

        Process second = processes.start("second", env, "run", job.toString());
        assertThat(second.waitFor(3, TimeUnit.MINUTES)).as("second run finished well before the reconcile timeout").isTrue();
        String output = Files.readString(processes.log("second"));
        assertThat(second.exitValue()).as(output).isZero();
        assertThat(output).contains("rows in: " + RECIPIENTS + ", accounted for: " + RECIPIENTS)
                .doesNotContain("UNKNOWN_AT_PROVIDER", "accepted by us, unknown to the provider");
        try (var reports = Files.walk(dir.resolve("reports"))) {
            Path recipients = reports.filter(file -> file.endsWith("recipients.csv")).findFirst().orElseThrow();
            List<String> lines = Files.readAllLines(recipients);
            assertThat(lines).hasSize(1 + RECIPIENTS);
            assertThat(lines.stream().skip(1).map(line -> line.split(",")[2]).distinct()).containsExactly("DELIVERED");
        }
        assertThat(kept()).as("one message per recipient, across both processes").isEqualTo(RECIPIENTS);
    }

    private void awaitKept(int count, Process process) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (kept() < count) {
            assertThat(process.isAlive()).as(Files.readString(processes.log("first"))).isTrue();
            assertThat(Instant.now()).as("%d messages at the sandbox", count).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private int kept() throws SQLException {
        try (Statement statement = database.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM sandbox_message")) {
            return count.next() ? count.getInt(1) : 0;
        }
        catch (SQLException ex) {
            // Before the first process made its tables.
            if (ex.getMessage().toLowerCase().contains("sandbox_message")) {
                return 0;
            }
            throw ex;
        }
    }
}
