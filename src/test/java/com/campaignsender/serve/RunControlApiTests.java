package com.campaignsender.serve;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

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
import com.campaignsender.sandbox.SandboxMessage;
import com.campaignsender.sandbox.SandboxServer;
import com.campaignsender.send.GeneratedCampaign;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pause, resume and cancel through the API over real HTTP (SPEC section 13), with what reaches
 * the provider measured at the sandbox: nothing while paused, every recipient once in the end,
 * and nothing at all of a cancelled list uploaded again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=servlet", "campaign.server.token=" + RunControlApiTests.TOKEN })
@DirtiesContext
class RunControlApiTests {

    static final String TOKEN = "control-test-token-0123456789abcdef";
    private static final int RECIPIENTS = 300;

    @TempDir
    static Path jobs;

    @DynamicPropertySource
    static void jobsDir(DynamicPropertyRegistry registry) {
        registry.add("campaign.server.jobs-dir", () -> jobs.toString());
    }

    @BeforeAll
    static void campaigns() throws IOException {
        for (String name : new String[] { "paused", "cancelled" }) {
            GeneratedCampaign.write(jobs, name, name, name + ".example.com", RECIPIENTS,
                    "{ rate: 60/s, burst: 5, concurrency: 4, chunk: 20 }", "{ poll-interval: 100ms, timeout: 30s }");
        }
    }

    @LocalServerPort
    private int port;

    @Autowired
    private SandboxServer sandbox;


    @Test
    void aPausedRunSendsNothingUntilResumedAndThenEveryoneOnce() throws Exception {
        long runId = api().start("paused", jobs.resolve("paused.csv"));
        awaitCreated("paused", 40);

        HttpResponse<String> paused = api().post("/runs/" + runId + "/pause");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(api().json(paused).path("status").asString()).isEqualTo("PAUSED");
        int sentWhenPaused = created("paused").size();
        assertThat(sentWhenPaused).as("paused mid-run").isLessThan(RECIPIENTS);
        Thread.sleep(1000); // a second in which a sending run would send about 60
        assertThat(created("paused")).as("nothing sent while paused").hasSize(sentWhenPaused);
        assertThat(api().post("/runs/" + runId + "/pause").statusCode()).as("pausing again changes nothing").isEqualTo(200);

        HttpResponse<String> resumed = api().post("/runs/" + runId + "/resume");
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
        JsonNode run = api().awaitEnd(runId);

        assertThat(run.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(run.path("rowsAccountedFor").asInt()).isEqualTo(RECIPIENTS);
        Map<String, Long> perRecipient = created("paused").stream()
                .collect(Collectors.groupingBy(SandboxMessage::to, Collectors.counting()));
        assertThat(perRecipient).hasSize(RECIPIENTS);
        assertThat(perRecipient.values()).as("resumed exactly once").allMatch(count -> count == 1);
        assertThat(api().post("/runs/" + runId + "/cancel").statusCode()).as("a completed run is final").isEqualTo(409);
    }

    @Test
    void aCancelledRunReportsTheRowsNeverSentAndItsListIsNotSentAgain() throws Exception {
        long runId = api().start("cancelled", jobs.resolve("cancelled.csv"));
        awaitCreated("cancelled", 40);

        HttpResponse<String> cancelled = api().post("/runs/" + runId + "/cancel");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isIn(200, 202);
        JsonNode run = api().awaitEnd(runId);
        int sent = created("cancelled").size();

        assertThat(run.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(run.path("rowsIn").asInt()).isEqualTo(RECIPIENTS);
        assertThat(run.path("rowsAccountedFor").asInt()).as("rows in = rows accounted for").isEqualTo(RECIPIENTS);
        assertThat(run.path("states").path("CANCELLED").asInt()).isEqualTo(RECIPIENTS - sent).isPositive();
        assertThat(run.path("states").path("DELIVERED").asInt()).isEqualTo(sent);
        String report = api().get("/runs/" + runId + "/files/recipients.csv").body();
        assertThat(report.lines().filter(line -> line.contains(",CANCELLED,"))).hasSize(RECIPIENTS - sent);

        HttpResponse<String> again = api().upload("cancelled", jobs.resolve("cancelled.csv"));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).contains("run " + runId + " already sent this list", "was cancelled at");
        Thread.sleep(500);
        assertThat(created("cancelled")).as("the list again sends nothing").hasSize(sent);
        assertThat(api().post("/runs/" + runId + "/resume").statusCode()).as("a cancelled run is final").isEqualTo(409);
        assertThat(api().post("/runs/999999/pause").statusCode()).isEqualTo(404);
    }

    private List<SandboxMessage> created(String campaign) {
        Predicate<SandboxMessage> ofCampaign = message -> message.to().endsWith("@" + campaign + ".example.com");
        return sandbox.store().created(ofCampaign);
    }

    private void awaitCreated(String campaign, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (created(campaign).size() < count) {
            assertThat(Instant.now()).as("%d messages of %s by now", count, campaign).isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private ServiceApi api() {
        return new ServiceApi("http://127.0.0.1:" + port + "/api", TOKEN);
    }
}
