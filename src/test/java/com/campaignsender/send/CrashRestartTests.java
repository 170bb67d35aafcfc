package com.campaignsender.send;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.campaignsender.AppProcesses;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as separate processes, killed with SIGKILL in the middle of sending, its
 * template edited, and run again with the same command: every valid recipient has exactly one
 * message at the provider (itself a separate {@code sandbox} process, so that it outlives the
 * kill), every message has the content the run started with (SPEC section 20: the rows in flight
 * at the kill are looked up at the provider by that content), the output names the change, and
 * every row of the list is accounted for in the report. Runs on H2, and on MariaDB when the suite runs with the
 * {@code mysql} profile.
 */
class CrashRestartTests {

    private static final int RECIPIENTS = 3000;
    private static final int KILL_AFTER = 800;

    @TempDir
    Path dir;

    private AppProcesses processes;

    @BeforeEach
    void processes() {
        processes = new AppProcesses(dir);
    }

    @AfterEach
    void stopEverything() {
        processes.close();
    }

    @Test
    void aRunKilledMidSendingItsTemplateEditedAndRunAgainSendsEveryMessageExactlyOnceWithItsFirstContent() throws Exception {
        String voipbin = processes.startSandbox("5ms");
        Path job = campaign();
        Map<String, String> env = processes.sendingThrough(voipbin);

        Process first = processes.start("first", env, "run", job.toString());
        processes.awaitCreated(voipbin, KILL_AFTER, first, "first");
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int createdAtKill = processes.messagesPerRecipient(voipbin).size();
        assertThat(createdAtKill).as("killed in the middle of sending").isBetween(KILL_AFTER, RECIPIENTS - 1);
        Path template = dir.resolve("body.html.ftl");
        Files.writeString(template, "<p>EDITED after the kill, ${name}</p>");

        Process second = processes.start("second", env, "run", job.toString());
        assertThat(second.waitFor(3, TimeUnit.MINUTES)).as("second run finished").isTrue();
        String output = Files.readString(processes.log("second"));
        assertThat(second.exitValue()).as(output).isZero();
        assertThat(output).contains(template.toAbsolutePath().normalize() + " changed since run 1 started;"
                + " run 1 goes on with what it started with");

        Map<String, Integer> messages = processes.messagesPerRecipient(voipbin);
        assertThat(messages).hasSize(RECIPIENTS);
        assertThat(messages.values()).as("no recipient got two messages").allMatch(count -> count == 1);
        assertThat(processes.contentPerRecipient(voipbin).values()).as("every message as the run started")
                .allSatisfy(content -> assertThat(content).startsWith("<p>Hello Reader "));
        try (var reports = Files.walk(dir.resolve("reports"))) {
            Path recipients = reports.filter(file -> file.endsWith("recipients.csv")).findFirst().orElseThrow();
            List<String> lines = Files.readAllLines(recipients);
            assertThat(lines).hasSize(1 + RECIPIENTS);
            assertThat(lines.stream().skip(1).map(line -> line.split(",")[2]).distinct()).containsExactly("DELIVERED");
        }
    }

    private Path campaign() throws IOException {
        return GeneratedCampaign.write(dir, "crash-restart", "reader", "crash.example.com", RECIPIENTS,
                "{ rate: 400/s, burst: 20, concurrency: 8, chunk: 50, max-attempts: 5 }",
                "{ poll-interval: 500ms, timeout: 1m }");
    }
}
