package com.campaignsender.serve;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static com.campaignsender.PrometheusScrape.value;
import static org.assertj.core.api.Assertions.assertThat;

/** What a probe and a Prometheus scrape see of {@code serve}: open health, metrics behind the token. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=servlet", "campaign.server.token=" + OperationsEndpointsTests.TOKEN })
// Its own meter registry: the counts asserted are this class's runs only.
@DirtiesContext
class OperationsEndpointsTests {

    static final String TOKEN = "operations-test-token-0123456789abcdef";

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAndItsProbesAreOpenAndReportTheDatabase() throws Exception {
        HttpResponse<String> health = get("/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json.readTree(health.body()).path("status").asString()).isEqualTo("UP");
        assertThat(json.readTree(health.body()).path("components").path("db").path("status").asString()).isEqualTo("UP");

        HttpResponse<String> readiness = get("/actuator/health/readiness", null);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(json.readTree(readiness.body()).path("components").has("db")).isTrue();
        HttpResponse<String> liveness = get("/actuator/health/liveness", null);
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json.readTree(liveness.body()).path("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusIsRefusedWithoutTheToken() throws Exception {
        HttpResponse<String> none = get("/actuator/prometheus", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).doesNotContain("campaign_");
        HttpResponse<String> wrong = get("/actuator/prometheus", "guess");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("the bearer token is wrong").doesNotContain(TOKEN);
    }

    @Test
    void aRunIsCountedInTheScrapeAndInItsSummary() throws Exception {
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/campaigns/welcome-email/recipients"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(Path.of("samples/recipients/welcome.csv"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        long runId = json.readTree(upload.body()).path("runId").asLong();
        awaitCompleted(runId);

        HttpResponse<String> scrape = get("/actuator/prometheus", TOKEN);
        assertThat(scrape.statusCode()).isEqualTo(200);
        String metrics = scrape.body();
        // welcome.csv: 56 rows, 6 rejected before sending, 50 sent, each accepted at its first request.
        String email = "channel=\"email\",provider=\"voipbin\"";
        assertThat(value(metrics, "campaign_messages_total{channel=\"email\",outcome=\"accepted\",provider=\"voipbin\"}")).isEqualTo(50);
        assertThat(value(metrics, "campaign_messages_total{channel=\"email\",outcome=\"in_doubt\",provider=\"voipbin\"}")).isZero();
        assertThat(value(metrics, "campaign_attempts_total{answer=\"accepted\"," + email + "}")).isEqualTo(50);
        assertThat(value(metrics, "campaign_retries_total{" + email + "}")).isZero();
        assertThat(value(metrics, "campaign_rate_limited_total{" + email + "}")).isZero();
        assertThat(value(metrics, "campaign_in_doubt_total{" + email + "}")).isZero();
        assertThat(value(metrics, "campaign_provider_latency_seconds_count{" + email + "}")).isEqualTo(50);
        assertThat(metrics).contains("campaign_provider_latency_seconds_bucket{" + email + ",le=");
        assertThat(value(metrics, "campaign_account_breaker_state{account=\"voipbin\",state=\"closed\"}")).isEqualTo(1);
        assertThat(value(metrics, "campaign_account_breaker_state{account=\"voipbin\",state=\"open\"}")).isZero();
        assertThat(value(metrics, "campaign_rows_waiting{campaign=\"welcome-email\"}")).isZero();

        JsonNode summary = json.readTree(get("/api/runs/" + runId + "/files/summary.json", TOKEN).body());
        JsonNode accepted = reading(summary, "campaign.messages", "outcome", "accepted");
        assertThat(accepted.path("tags").path("provider").asString()).isEqualTo("voipbin");
        assertThat(accepted.path("values").path("count").asDouble()).isEqualTo(50);
        JsonNode latency = reading(summary, "campaign.provider.latency", "provider", "voipbin");
        assertThat(latency.path("values").path("count").asDouble()).isEqualTo(50);
        assertThat(latency.path("values").path("p95Ms").asDouble()).isPositive();
    }

    private static JsonNode reading(JsonNode summary, String name, String tag, String value) {
        for (JsonNode reading : summary.path("metrics")) {
            if (reading.path("name").asString().equals(name) && reading.path("tags").path(tag).asString().equals(value)) {
                return reading;
            }
        }
        throw new AssertionError("no " + name + " with " + tag + "=" + value + " in summary.json: " + summary.path("metrics"));
    }

    private void awaitCompleted(long runId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode run = json.readTree(get("/api/runs/" + runId, TOKEN).body());
            if (!run.path("status").asString().equals("RUNNING")) {
                assertThat(run.path("status").asString()).isEqualTo("COMPLETED");
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + runId + " did not finish");
    }
}
