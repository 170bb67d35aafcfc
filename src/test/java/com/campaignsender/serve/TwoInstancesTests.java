package com.campaignsender.serve;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.campaignsender.AppProcesses;
import com.campaignsender.ServiceApi;
import com.campaignsender.send.GeneratedCampaign;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code serve} instances on one database (MariaDB under the {@code mysql} profile, else an
 * H2 file both open): the same list uploaded to both at once is sent once, and while it sends,
 * a second list uploaded to the other instance is refused with the reason, which either
 * instance then shows in {@code GET /api/runs}.
 */
class TwoInstancesTests {

    private static final int RECIPIENTS = 1500;

    @TempDir
    Path dir;

    private AppProcesses processes;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void processes() {
        processes = new AppProcesses(dir);
    }

    @AfterEach
    void stopEverything() {
        processes.close();
    }

    @Test
    void oneCampaignHasOneSendingRunAcrossInstances() throws Exception {
        String voipbin = processes.startSandbox("20ms");
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        GeneratedCampaign.write(jobs, "shared", "reader", "shared.example.com", RECIPIENTS,
                "{ rate: 300/s, burst: 10, concurrency: 4, chunk: 50, max-attempts: 5 }",
                "{ poll-interval: 300ms, timeout: 1m }");
        Path other = Files.writeString(dir.resolve("other.csv"), "email,name\nother1@shared.example.com,Other\n");
        Instances instances = serveTwo(voipbin, jobs);
        Process firstService = instances.first();
        String first = instances.firstApi();
        String second = instances.secondApi();

        CompletableFuture<HttpResponse<String>> toFirst = upload(first, jobs.resolve("shared.csv"));
        CompletableFuture<HttpResponse<String>> toSecond = upload(second, jobs.resolve("shared.csv"));
        List<HttpResponse<String>> both = List.of(toFirst.get(), toSecond.get());
        assertThat(both).extracting(HttpResponse::statusCode).as("both accepted or one refused").contains(202)
                .allMatch(status -> status == 202 || status == 409);
        long runId = json.readTree(both.get(0).body()).path("runId").asLong();
        assertThat(json.readTree(both.get(1).body()).path("runId").asLong()).as("the same list is the same run").isEqualTo(runId);

        processes.awaitCreated(voipbin, 100, firstService, "serve-a");
        HttpResponse<String> refused = upload(second, other).get();
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("is sending run " + runId);
        long refusedRun = json.readTree(refused.body()).path("runId").asLong();
        JsonNode shown = json.readTree(get(first + "/runs/" + refusedRun).body());
        assertThat(shown.path("status").asString()).isEqualTo("REFUSED");
        assertThat(shown.path("refusals").get(0).path("reason").asString()).contains("is sending run " + runId);

        JsonNode run = processes.awaitRunEnd(first + "/runs/" + runId, firstService, "serve-a");
        assertThat(run.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(run.path("states").path("DELIVERED").asInt()).isEqualTo(RECIPIENTS);
        Map<String, Integer> messages = processes.messagesPerRecipient(voipbin);
        assertThat(messages).as("nobody of the refused list was sent to").hasSize(RECIPIENTS);
        assertThat(messages.values()).as("no recipient got two messages").allMatch(count -> count == 1);
    }

    /**
     * SPEC section 13 across instances: a run sent by one instance is paused through the other
     * (nothing reaches the provider while paused), resumed through it (it then sends the rest
     * itself), and cancelled through the first, which no longer sends it: every recipient at most
     * once, the rest CANCELLED, every row accounted for, and the list uploaded again sends nothing.
     */
    @Test
    void aRunIsSteeredThroughTheInstanceThatIsNotSendingIt() throws Exception {
        String voipbin = processes.startSandbox("5ms");
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        GeneratedCampaign.write(jobs, "steered", "reader", "steered.example.com", RECIPIENTS,
                "{ rate: 100/s, burst: 10, concurrency: 4, chunk: 20 }", "{ poll-interval: 300ms, timeout: 1m }");
        Instances instances = serveTwo(voipbin, jobs);
        Process firstService = instances.first();
        Process secondService = instances.second();
        ServiceApi first = new ServiceApi(instances.firstApi(), null);
        ServiceApi second = new ServiceApi(instances.secondApi(), null);

        long runId = first.start("steered", jobs.resolve("steered.csv"));
        processes.awaitCreated(voipbin, 100, firstService, "serve-a");
        assertThat(second.json(second.get("/campaigns")).get(0).path("sending").asBoolean())
                .as("the other instance shows the campaign sending").isTrue();

        HttpResponse<String> paused = second.post("/runs/" + runId + "/pause");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(second.json(paused).path("status").asString()).isEqualTo("PAUSED");
        int whenPaused = processes.countCreated(voipbin, RECIPIENTS);
        Thread.sleep(1000); // a second in which the run would send about 100
        assertThat(processes.countCreated(voipbin, RECIPIENTS)).as("nothing sent while paused").isEqualTo(whenPaused);

        assertThat(second.post("/runs/" + runId + "/resume").statusCode()).isEqualTo(202);
        processes.awaitCreated(voipbin, whenPaused + 100, secondService, "serve-b");
        HttpResponse<String> cancelled = first.post("/runs/" + runId + "/cancel");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isIn(200, 202);

        JsonNode run = second.awaitEnd(runId);
        assertThat(run.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(run.path("rowsAccountedFor").asInt()).as("rows in = rows accounted for").isEqualTo(RECIPIENTS);
        Map<String, Integer> messages = processes.messagesPerRecipient(voipbin);
        assertThat(messages.values()).as("no recipient got two messages").allMatch(count -> count == 1);
        assertThat(run.path("states").path("CANCELLED").asInt()).isEqualTo(RECIPIENTS - messages.size()).isPositive();

        HttpResponse<String> again = first.upload("steered", jobs.resolve("steered.csv"));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).contains("was cancelled at");
        assertThat(processes.messagesPerRecipient(voipbin)).as("the list again sends nothing").hasSize(messages.size());
    }

    /**
     * SPEC section 15: the key that signs unsubscribe links is the database's, so a link in a
     * message that one instance sent unsubscribes through the other, where the recipient's mail
     * client may well land behind a load balancer.
     */
    @Test
    void anUnsubscribeLinkOneInstanceSentIsHonouredByTheOther() throws Exception {
        String voipbin = processes.startSandbox("1ms");
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("subject.ftl"), "News");
        Files.writeString(jobs.resolve("body.html.ftl"), "<p>Hi ${name}</p><a href=\"${unsubscribe_url}\">Unsubscribe</a>");
        Files.writeString(jobs.resolve("optout.csv"), "email,name\nann@optout.example.com,Ann\nbob@optout.example.com,Bob\n");
        Files.writeString(jobs.resolve("optout.yml"), String.join("\n", List.of("name: optout", "channel: email",
                "provider: voipbin", "sender: { address: news@example.com }", "recipients: { file: optout.csv }",
                "template: { subject: subject.ftl, html: body.html.ftl }", "unsubscribe: true",
                "reconcile: { poll-interval: 300ms, timeout: 1m }")));
        Instances instances = serveTwo(voipbin, jobs, Map.of("CAMPAIGN_SERVER_PUBLIC_URL", "https://optout.example.com"));
        ServiceApi first = new ServiceApi(instances.firstApi(), null);
        assertThat(first.awaitEnd(first.start("optout", jobs.resolve("optout.csv"))).path("status").asString())
                .isEqualTo("COMPLETED");

        String content = processes.contentPerRecipient(voipbin).get("bob@optout.example.com");
        Matcher link = Pattern.compile("https://optout\\.example\\.com(/unsubscribe/[^\"]+)").matcher(content);
        assertThat(link.find()).as(content).isTrue();
        String secondRoot = instances.secondApi().replaceFirst("/api$", "");
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(secondRoot + link.group(1)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("You are unsubscribed", "b***@optout.example.com");
        try (Connection db = processes.connect(); ResultSet rs = db.createStatement().executeQuery(
                "SELECT address, reason, campaign FROM suppression WHERE address LIKE '%@optout.example.com'")) {
            assertThat(rs.next()).isTrue();
            assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                    .containsExactly("bob@optout.example.com", "UNSUBSCRIBE", "optout");
            assertThat(rs.next()).as("only bob").isFalse();
        }
    }

    /** Two {@code serve} processes on the one database, with the campaigns of {@code jobs}, and the roots of their APIs. */
    private record Instances(Process first, Process second, String firstApi, String secondApi) {
    }

    private Instances serveTwo(String voipbin, Path jobs) throws Exception {
        return serveTwo(voipbin, jobs, Map.of());
    }

    private Instances serveTwo(String voipbin, Path jobs, Map<String, String> settings) throws Exception {
        Map<String, String> env = new HashMap<>(processes.sendingThrough(voipbin));
        env.putAll(settings);
        env.put("CAMPAIGN_SERVER_JOBS_DIR", jobs.toString());
        env.put("CAMPAIGN_SERVER_UPLOADS_DIR", dir.resolve("uploads").toString());
        int firstPort = AppProcesses.freePort();
        int secondPort = AppProcesses.freePort();
        return new Instances(processes.serve("serve-a", env, firstPort), processes.serve("serve-b", env, secondPort),
                "http://127.0.0.1:" + firstPort + "/api", "http://127.0.0.1:" + secondPort + "/api");
    }

    private CompletableFuture<HttpResponse<String>> upload(String api, Path list) throws IOException {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(api + "/campaigns/shared/recipients"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(Files.readString(list))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
