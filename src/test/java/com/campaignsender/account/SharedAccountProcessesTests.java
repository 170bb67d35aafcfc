package com.campaignsender.account;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.campaignsender.AppProcesses;
import com.campaignsender.send.GeneratedCampaign;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code run} processes (two cron entries) on one database (MariaDB under the {@code mysql}
 * profile, else an H2 file both open) send two campaigns at once through one 200/s account, whose
 * provider, a sandbox process, answers 429 above 200/s: together close to 200/s, and no 429.
 */
class SharedAccountProcessesTests {

    /**
     * Both processes start at once, as two cron entries of one minute would: a JVM takes from 7 to
     * 30 seconds to start here, and one started after the other had begun sending found it done.
     */
    private static final Map<String, Integer> RECIPIENTS = Map.of("first", 4000, "second", 2500);

    @TempDir
    Path dir;

    private AppProcesses processes;

    @AfterEach
    void stop() {
        processes.close();
    }

    @Test
    void twoRunProcessesShareTheAccountsBudget() throws Exception {
        processes = new AppProcesses(dir);
        String voipbin = processes.startSandbox("5ms", "--rate-limit", "200");
        Map<String, String> env = new HashMap<>(processes.sendingThrough(voipbin));
        env.put("CAMPAIGN_PROVIDERS_VOIPBIN_RATE", "200/s");
        List<Process> runs = new ArrayList<>();
        // On H2 the first process to open the file serves it to the others, and its exit would cut
        // them off: the test holds the file open, as a long-lived serve would, so neither run is the server.
        Connection holder = processes.connect();
        for (String name : List.of("first", "second")) {
            Path job = GeneratedCampaign.write(Files.createDirectories(dir.resolve(name)), name, "reader", name + ".example.com",
                    RECIPIENTS.get(name), "{ rate: 1000/s, burst: 100, concurrency: 8, chunk: 50 }", "{ poll-interval: 300ms, timeout: 1m }");
            runs.add(processes.start("run-" + name, env, "run", job.toString()));
        }

        for (int i = 0; i < runs.size(); i++) {
            assertThat(runs.get(i).waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(runs.get(i).exitValue()).as(Files.readString(processes.log("run-" + List.of("first", "second").get(i))))
                    .isZero();
        }
        JsonMapper json = JsonMapper.builder().build();
        try (var summaries = Files.find(dir.resolve("reports"), 4, (path, attributes) -> path.endsWith("summary.json"))) {
            List<JsonNode> read = summaries.map(path -> json.readTree(path.toFile())).toList();
            assertThat(read).hasSize(2);
            assertThat(read).allSatisfy(summary -> {
                assertThat(summary.path("rateLimited").asLong()).as("429s").isZero();
                assertThat(summary.path("states").path("DELIVERED").asLong())
                        .isEqualTo(RECIPIENTS.get(summary.path("campaign").asString()).longValue());
            });
        }
        holder.close();
        SharedRate rate = SharedRate.of(processes.created(voipbin), "@first.example.com", "@second.example.com");
        assertThat(rate.perRecipient()).hasSize(RECIPIENTS.get("first") + RECIPIENTS.get("second"));
        assertThat(rate.perRecipient().values()).as("every recipient once").allMatch(count -> count == 1);
        // Together they use the account's whole budget, less what a loaded machine takes (see
        // SharedAccountRunsTests); a budget taken twice per message would show 100/s.
        assertThat(rate.perSecondWhileBothSend()).as(() -> "together, while both send\n" + logs())
                .isGreaterThanOrEqualTo(0.75 * 200);
    }

    private String logs() {
        try {
            return Files.readString(processes.log("run-first")) + Files.readString(processes.log("run-second"));
        }
        catch (java.io.IOException ex) {
            return ex.toString();
        }
    }
}
