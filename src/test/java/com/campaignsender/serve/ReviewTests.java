package com.campaignsender.serve;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

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
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.sandbox.SandboxServer;
import com.campaignsender.send.GeneratedCampaign;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC section 22, review then send, through the API over real HTTP with what reaches the provider
 * measured at the sandbox: a campaign with {@code review: true} loads and counts an uploaded list
 * and sends nothing until its Send; a READY run is cancelled by an operator, or once it waited
 * longer than the ready-ttl, its rows CANCELLED and reported.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=servlet", "campaign.server.token=" + ReviewTests.TOKEN })
@DirtiesContext
class ReviewTests {

    static final String TOKEN = "review-test-token-0123456789abcdef";

    @TempDir
    static Path jobs;

    @DynamicPropertySource
    static void jobsDir(DynamicPropertyRegistry registry) {
        registry.add("campaign.server.jobs-dir", () -> jobs.toString());
    }

    @BeforeAll
    static void campaigns() throws IOException {
        for (String name : new String[] { "reviewed", "left" }) {
            Path definition = GeneratedCampaign.write(jobs, name, name, name + ".example.com", 40,
                    "{ rate: 1000/s, burst: 50, concurrency: 4, chunk: 10 }", "{ poll-interval: 100ms, timeout: 30s }");
            Files.writeString(definition, Files.readString(definition) + "\nreview: true\n");
            Files.writeString(jobs.resolve(name + ".csv"), Files.readString(jobs.resolve(name + ".csv"))
                    + "not-an-address,Nobody\n");
        }
    }

    @LocalServerPort
    private int port;

    @Autowired
    private SandboxServer sandbox;

    @Autowired
    private CampaignRuns runs;

    @Autowired
    private ServedRunControls controls;

    @Autowired
    private ServerSettings settings;

    @Autowired
    private ServiceViews views;

    @Test
    void aListForReviewIsLoadedAndCountedAndSentOnlyAtItsSend() throws Exception {
        JsonNode upload = api().json(api().upload("reviewed", jobs.resolve("reviewed.csv")));
        assertThat(upload.path("status").asString()).isEqualTo("ready for review");
        long runId = upload.path("runId").asLong();

        JsonNode ready = awaitStatus(runId, "READY");
        assertThat(ready.path("rowsIn").asInt()).isEqualTo(41);
        assertThat(ready.path("states").path("PENDING").asInt()).isEqualTo(40);
        assertThat(ready.path("states").path("REJECTED").asInt()).isEqualTo(1);
        assertThat(created()).as("nothing sent before the Send").isZero();
        answered(api().upload("reviewed", jobs.resolve("reviewed.csv")), 200, "run " + runId + " of this list is loaded and waits for its review");

        // The review shows what Send sends: the run's snapshot, not the template as edited since.
        Path subject = jobs.resolve("subject.ftl");
        String original = Files.readString(subject);
        Files.writeString(subject, "Edited after the upload, ${name}");
        try {
            RunReview.Review review = views.review(runId).orElseThrow();
            assertThat(review.samples()).hasSize(RunReview.SAMPLES).first()
                    .satisfies(sample -> assertThat(sample.subject()).isEqualTo("News for Reader 1"));
        }
        finally {
            Files.writeString(subject, original);
        }

        answered(api().post("/runs/" + runId + "/resume"), 409, "waits for its review");
        answered(new ServiceApi("http://127.0.0.1:" + port + "/api", "not-the-token-0123456789abcdef")
                .post("/runs/" + runId + "/start"), 401, "the bearer token is wrong");
        assertThat(api().json(api().get("/runs/" + runId)).path("status").asString()).as("a stranger's Send").isEqualTo("READY");
        answered(api().post("/runs/" + runId + "/start"), 202, "RUNNING");
        JsonNode ended = api().awaitEnd(runId);
        assertThat(ended.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(ended.path("states").path("DELIVERED").asInt()).isEqualTo(40);
        assertThat(created()).as("each recipient once").isEqualTo(40);
        answered(api().post("/runs/" + runId + "/start"), 409, "only a READY run");
    }

    @Test
    void aReadyRunLeftLongerThanTheReadyTtlIsCancelledAndReported() throws Exception {
        long runId = api().json(api().upload("left", jobs.resolve("left.csv"))).path("runId").asLong();
        awaitStatus(runId, "READY");

        Clock later = Clock.fixed(Instant.now().plus(settings.readyTtl()).plusSeconds(60), ZoneOffset.UTC);
        new ReadyRunsExpiry(runs, controls, settings, later).cancelExpired();

        JsonNode ended = api().awaitEnd(runId);
        assertThat(ended.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(ended.path("states").path("CANCELLED").asInt()).isEqualTo(40);
        assertThat(ended.path("rowsAccountedFor").asInt()).isEqualTo(41);
        assertThat(sandbox.store().created(message -> message.to().endsWith("@left.example.com"))).isEmpty();
    }

    private long created() {
        return sandbox.store().created(message -> message.to().endsWith("@reviewed.example.com")).size();
    }

    private JsonNode awaitStatus(long runId, String status) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode run = api().json(api().get("/runs/" + runId));
        while (!run.path("status").asString().equals(status)) {
            assertThat(Instant.now()).as("run %d %s, not yet %s", runId, run.path("status").asString(), status).isBefore(deadline);
            Thread.sleep(50);
            run = api().json(api().get("/runs/" + runId));
        }
        return run;
    }

    private ServiceApi api() {
        return new ServiceApi("http://127.0.0.1:" + port + "/api", TOKEN);
    }

    private static void answered(HttpResponse<String> answer, int status, String text) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.body()).contains(text);
    }
}
