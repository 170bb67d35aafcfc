package com.campaignsender.serve;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import com.campaignsender.sandbox.SandboxServer;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's API over real HTTP, as curl or a script uses it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=servlet", "campaign.server.token=" + ApiControllerTests.TOKEN, "campaign.server.upload-limit=16KB" })
// Its own database and web server.
@DirtiesContext
class ApiControllerTests {

    static final String TOKEN = "api-test-token-0123456789abcdef";

    @LocalServerPort
    private int port;

    @Autowired
    private SandboxServer sandbox;

    @Autowired
    private ServerSettings settings;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + TOKEN);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUploadedListIsSentAndItsReportFetched() throws Exception {
        HttpResponse<String> upload = send(request("/api/campaigns/welcome-email/recipients")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(Path.of("samples/recipients/welcome.csv"))).build());

        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        long runId = json.readTree(upload.body()).path("runId").asLong();
        JsonNode run = awaitCompleted(runId);
        assertThat(run.path("rowsIn").asInt()).isEqualTo(56);
        assertThat(run.path("rowsAccountedFor").asInt()).isEqualTo(56);
        assertThat(run.path("progress").asDouble()).isEqualTo(1.0);

        HttpResponse<String> recipients = send(request("/api/runs/" + runId + "/files/recipients.csv").GET().build());
        assertThat(recipients.statusCode()).isEqualTo(200);
        assertThat(recipients.body().lines()).hasSize(57);
        assertThat(send(request("/api/runs/" + runId + "/files/report.html").GET().build()).body()).contains("<svg");
        assertThat(send(request("/api/runs/" + runId + "/files/..%2F..%2Fpom.xml").GET().build()).statusCode()).isIn(400, 404);
        assertThat(send(request("/api/runs/" + runId + "/files/pom.xml").GET().build()).statusCode()).isEqualTo(404);

        HttpResponse<String> again = send(request("/api/campaigns/welcome-email/recipients")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(Path.of("samples/recipients/welcome.csv"))).build());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("already completed");
    }

    /** SPEC section 22: "what happened to jane@example.com?", as typed, across runs, with the suppression a bounce left. */
    @Test
    void findsEveryRunOfARecipientWithItsReasonAndItsSuppression() throws Exception {
        HttpResponse<String> upload = send(request("/api/campaigns/welcome-email/recipients")
                .header("Content-Type", "text/csv").header("Content-Disposition", "attachment; filename=\"find me.csv\"")
                .POST(HttpRequest.BodyPublishers.ofString("email,first_name,last_name,plan,city,start_date\n"
                        + "Jane.Find@Example.com,Jane,Doe,Plus,Utrecht,2026-12-02\nbounce.find@example.com,Zed,Roe,Plus,Delft,2026-12-02\n"))
                .build());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        long runId = json.readTree(upload.body()).path("runId").asLong();
        awaitCompleted(runId);

        assertThat(json.readTree(send(request("/api/runs/" + runId).GET().build()).body()).path("listName").asString())
                .isEqualTo("find me.csv");
        assertThat(send(request("/api/runs/" + runId + "/files/report.html").GET().build()).body()).contains("<b>find me.csv</b>");

        JsonNode jane = json.readTree(send(request("/api/recipients?address=jane.find%40example.com").GET().build()).body());
        assertThat(jane.path("suppressed").isNull()).isTrue();
        assertThat(jane.path("runs")).hasSize(1);
        JsonNode delivered = jane.path("runs").get(0);
        assertThat(delivered.path("runId").asLong()).isEqualTo(runId);
        assertThat(delivered.path("campaign").asString()).isEqualTo("welcome-email");
        assertThat(delivered.path("state").asString()).isEqualTo("DELIVERED");
        assertThat(delivered.path("providerMessageId").asString()).isNotEmpty();
        assertThat(delivered.path("sentAt").asString()).isNotEmpty();

        JsonNode zed = json.readTree(send(request("/api/recipients?address=%20Bounce.Find%40example.com").GET().build()).body());
        JsonNode bounced = zed.path("runs").get(0);
        assertThat(bounced.path("state").asString()).isEqualTo("BOUNCED");
        assertThat(bounced.path("reason").asString()).contains("hard bounce").contains("(bounce)");
        assertThat(bounced.path("nextStep").asString()).contains("suppressed");
        assertThat(zed.path("suppressed").path("reason").asString()).isEqualTo("bounce");

        JsonNode nobody = json.readTree(send(request("/api/recipients?address=nobody%40example.com").GET().build()).body());
        assertThat(nobody.path("runs")).isEmpty();
        HttpResponse<String> unasked = send(request("/api/recipients").GET().build());
        assertThat(unasked.statusCode()).isEqualTo(400);
        assertThat(unasked.body()).contains("/api/recipients?address=");
        assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/recipients?address=jane.find%40example.com"))
                .GET().build()).statusCode()).as("without the token").isEqualTo(401);
    }

    /** A name given in Content-Disposition is a name, never a path: its last segment only, inside the uploads folder. */
    @Test
    void aListsNameCannotLeadOutOfTheUploadsFolder() throws Exception {
        HttpResponse<String> upload = send(request("/api/campaigns/welcome-email/recipients")
                .header("Content-Type", "text/csv").header("Content-Disposition", "attachment; filename=\"../../../escaped.csv\"")
                .POST(HttpRequest.BodyPublishers.ofString("email,first_name,last_name,plan,city,start_date\n"
                        + "escape@example.com,Ann,Lee,Plus,Delft,2026-12-02\n")).build());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        JsonNode run = awaitCompleted(json.readTree(upload.body()).path("runId").asLong());
        assertThat(run.path("listName").asString()).isEqualTo("escaped.csv");
        try (var found = Files.walk(settings.uploadsDir())) {
            assertThat(found.filter(file -> file.getFileName().toString().equals("escaped.csv")))
                    .singleElement().satisfies(file -> assertThat(file.getParent().getParent().getFileName().toString())
                            .isEqualTo("welcome-email"));
        }
        assertThat(settings.uploadsDir().resolve("../../../escaped.csv").normalize()).doesNotExist();
    }

    @Test
    void acceptsTheListAsAMultipartField() throws Exception {
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../etc/passwd\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + Files.readString(Path.of("samples/recipients/reminders.csv"))
                + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> upload = send(request("/api/campaigns/reminder-sms/recipients")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());

        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        JsonNode run = awaitCompleted(json.readTree(upload.body()).path("runId").asLong());
        assertThat(run.path("states").path("DELIVERED").asInt()).isEqualTo(49);
        assertThat(run.path("listName").asString()).as("the file's own name, its last segment only").isEqualTo("passwd");
        assertThat(run.path("snapshotSha256").asString()).as("what the run started with").matches("[0-9a-f]{64}");
    }

    @Test
    void aListUnderAnotherMultipartFieldIsToldTheFieldsName() throws Exception {
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"list\"; filename=\"list.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nemail,first_name\nann@example.com,Ann\r\n--" + boundary + "--\r\n";
        HttpResponse<String> upload = send(request("/api/campaigns/welcome-email/recipients")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());

        assertThat(upload.statusCode()).isEqualTo(400);
        assertThat(json.readTree(upload.body()).path("error").asString()).contains("no multipart field 'file'");
    }

    @Test
    void aTestSendReachesEachTestAddressAndStartsNoRun() throws Exception {
        HttpResponse<String> answer = send(request("/api/campaigns/newsletter-infobip/test")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\": [\"qa@example.com\", \"lead@example.com\"], \"rows\": 3}")).build());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = json.readTree(answer.body());
        assertThat(body.path("accepted").asInt()).isEqualTo(6);
        assertThat(body.path("sent")).hasSize(6);
        assertThat(body.path("sent").get(0).path("row").asInt()).isEqualTo(1);
        assertThat(sandbox.store().created(message -> message.subject() != null && message.subject().startsWith("[TEST] ")))
                .hasSize(6).extracting(message -> message.to()).containsOnly("qa@example.com", "lead@example.com");
        assertThat(json.readTree(send(request("/api/runs?campaign=newsletter-infobip").GET().build()).body())).isEmpty();

        HttpResponse<String> wrongAddress = send(request("/api/campaigns/newsletter-infobip/test")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\": [\"qa@\"]}")).build());
        assertThat(wrongAddress.statusCode()).isEqualTo(400);
        assertThat(json.readTree(wrongAddress.body()).path("error").asString()).contains("test address 'qa@'");
        assertThat(send(request("/api/campaigns/nope/test").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\": [\"qa@example.com\"]}")).build()).statusCode()).isEqualTo(404);
    }

    @Test
    void refusesCallsWithoutTheToken() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs")).GET().build());
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).doesNotContain(TOKEN);
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs"))
                .header("Authorization", "Bearer guess").GET().build());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("a bearer token is required");
        assertThat(wrong.body()).contains("the bearer token is wrong").doesNotContain("guess", TOKEN);
    }

    @Test
    void refusesABrokenListWith400AndSendsNothing() throws Exception {
        int before = sandbox.store().created(message -> true).size();

        HttpResponse<String> answer = send(request("/api/campaigns/welcome-email/recipients")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("mail,first_name\nann@example.com,Ann\n")).build());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("nothing was sent", "the upload: no column 'email'");
        assertThat(sandbox.store().created(message -> true)).hasSize(before);
        assertThat(send(request("/api/campaigns/nope/recipients").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("email\n")).build()).statusCode()).isEqualTo(404);
    }

    @Test
    void refusesAListOverTheUploadLimitWith413AndKeepsNothing() throws Exception {
        String tooLarge = "email,first_name\n" + "someone@example.com,Someone\n".repeat(1000);
        int before = sandbox.store().created(message -> true).size();

        HttpResponse<String> body = send(request("/api/campaigns/welcome-email/recipients")
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(tooLarge)).build());
        String boundary = "b0undary";
        HttpResponse<String> multipart = send(request("/api/campaigns/welcome-email/recipients")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString("--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n\r\n" + tooLarge
                        + "\r\n--" + boundary + "--\r\n")).build());

        assertThat(body.statusCode()).isEqualTo(413);
        assertThat(body.body()).contains("larger than campaign.server.upload-limit (16KB)");
        assertThat(multipart.statusCode()).isEqualTo(413);
        assertThat(multipart.body()).contains("larger than campaign.server.upload-limit");
        assertThat(sandbox.store().created(message -> true)).hasSize(before);
        try (var kept = Files.list(settings.uploadsDir().resolve("welcome-email"))) {
            assertThat(kept.map(file -> file.toFile().length())).as("nothing of the refused lists is kept").allMatch(size -> size < 16 * 1024);
        }
    }

    private JsonNode awaitCompleted(long runId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode run = json.readTree(send(request("/api/runs/" + runId).GET().build()).body());
            if (!run.path("status").asString().equals("RUNNING")) {
                assertThat(run.path("status").asString()).isEqualTo("COMPLETED");
                return run;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + runId + " did not finish");
    }
}
