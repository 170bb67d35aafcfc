package com.campaignsender.account;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.campaignsender.ServiceApi;
import com.campaignsender.sandbox.SandboxServer;
import com.campaignsender.send.GeneratedCampaign;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two campaigns sending at once in one {@code serve} (their lists uploaded through the API)
 * through one 200/s account, whose provider answers 429 above 200/s: together they send close to
 * 200/s, and no request is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=servlet", "campaign.server.token=" + SharedAccountRunsTests.TOKEN,
        "campaign.providers.voipbin.rate=200/s", "campaign.sandbox.rate-limit=200" })
@DirtiesContext
class SharedAccountRunsTests {

    static final String TOKEN = "shared-account-token-0123456789abcdef";
    private static final int RECIPIENTS = 500;
    private static final List<String> CAMPAIGNS = List.of("first", "second");

    @TempDir
    static Path jobs;

    @DynamicPropertySource
    static void jobsDir(DynamicPropertyRegistry registry) {
        registry.add("campaign.server.jobs-dir", () -> jobs.toString());
    }

    @BeforeAll
    static void campaigns() throws IOException {
        for (String name : CAMPAIGNS) {
            // Each campaign alone could send 1000/s: the account's budget is what holds them to 200/s together.
            GeneratedCampaign.write(jobs, name, "reader", name + ".example.com", RECIPIENTS,
                    "{ rate: 1000/s, burst: 100, concurrency: 8, chunk: 50 }", "{ poll-interval: 200ms, timeout: 1m }");
        }
    }

    @LocalServerPort
    private int port;

    @Autowired
    private SandboxServer sandbox;

    @Test
    void twoCampaignsShareTheAccountsBudget() throws Exception {
        ServiceApi api = new ServiceApi("http://127.0.0.1:" + port + "/api", TOKEN);
        List<Long> runs = new ArrayList<>();
        for (String name : CAMPAIGNS) {
            runs.add(api.start(name, jobs.resolve(name + ".csv")));
        }

        for (long runId : runs) {
            JsonNode run = api.awaitEnd(runId);
            assertThat(run.path("status").asString()).isEqualTo("COMPLETED");
            assertThat(run.path("states").path("DELIVERED").asInt()).isEqualTo(RECIPIENTS);
            JsonNode summary = api.json(api.get("/runs/" + runId + "/files/summary.json"));
            assertThat(summary.path("rateLimited").asLong()).as("429s").isZero();
        }
        SharedRate rate = SharedRate.of(sandbox.store().created(message -> true).stream()
                .map(message -> Map.entry(message.to(), message.createdAt())).toList(), "@first.example.com", "@second.example.com");
        assertThat(rate.perRecipient().values()).as("every recipient once").allMatch(count -> count == 1);
        assertThat(rate.perRecipient()).hasSize(2 * RECIPIENTS);
        // Together they use the account's whole budget: about 195/s on an idle machine, 174/s on a
        // loaded CI one (the reconcile's reads share the budget). A budget taken twice per message
        // would show 100/s.
        assertThat(rate.perSecondWhileBothSend()).as("together, while both send").isGreaterThanOrEqualTo(0.75 * 200);
    }
}
