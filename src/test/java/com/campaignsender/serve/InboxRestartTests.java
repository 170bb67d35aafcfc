package com.campaignsender.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.campaignsender.AppProcesses;
import com.campaignsender.DatabaseNeutral;
import com.campaignsender.send.GeneratedCampaign;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An inbox file is processed once, even across a restart of the service: the restarted service
 * leaves what is in {@code processed/} alone and goes on with the files dropped since.
 */
@DatabaseNeutral
class InboxRestartTests {

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
    void aRestartedServiceDoesNotProcessAFileAgain() throws Exception {
        String voipbin = processes.startSandbox("1ms");
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path definition = GeneratedCampaign.write(jobs, "inboxed", "reader", "inbox.example.com", 40,
                "{ rate: 500/s, concurrency: 4, chunk: 20 }", "{ poll-interval: 200ms, timeout: 1m }");
        Files.writeString(definition, Files.readString(definition).replace("recipients: { file: inboxed.csv }",
                "recipients: { inbox: " + inbox + " }"));
        Map<String, String> env = new HashMap<>(processes.sendingThrough(voipbin));
        env.putAll(Map.of("CAMPAIGN_SERVER_JOBS_DIR", jobs.toString(), "CAMPAIGN_SERVER_INBOX_SETTLE", "200ms",
                "CAMPAIGN_SERVER_INBOX_POLL", "100ms"));

        Process first = processes.serve("serve-first", env, AppProcesses.freePort());
        drop(jobs.resolve("inboxed.csv"), inbox.resolve("monday.csv"));
        awaitFile(inbox.resolve("processed/monday.csv"), first, "serve-first");
        assertThat(processes.messagesPerRecipient(voipbin)).hasSize(40);
        first.destroy();
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();

        Process second = processes.serve("serve-second", env, AppProcesses.freePort());
        Path tuesday = Files.writeString(dir.resolve("tuesday.csv"), "email,name\nlate1@inbox.example.com,Late\n");
        drop(tuesday, inbox.resolve("tuesday.csv"));
        // Files are taken in name order, so once tuesday.csv is processed, monday.csv was seen too.
        awaitFile(inbox.resolve("processed/tuesday.csv"), second, "serve-second");

        Map<String, Integer> messages = processes.messagesPerRecipient(voipbin);
        assertThat(messages).hasSize(41);
        assertThat(messages.values()).as("monday.csv was not sent again").allMatch(count -> count == 1);
        assertThat(inbox.resolve("processed/monday.csv")).exists();
        assertThat(Files.readString(processes.log("serve-second"))).doesNotContain("taking monday.csv");
    }

    /** As a careful file transfer does it: written beside the inbox, then renamed into it. */
    private static void drop(Path list, Path target) throws Exception {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Files.copy(list, part);
        Files.move(part, target);
    }

    private void awaitFile(Path file, Process service, String name) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!Files.exists(file)) {
            assertThat(Instant.now().isBefore(deadline) && service.isAlive())
                    .as("%s appears: %s", file, Files.readString(processes.log(name))).isTrue();
            Thread.sleep(50);
        }
    }
}
