package com.campaignsender.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulator over HTTP, as a gateway or curl sees it. */
class SandboxServerTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private SandboxServer sandbox;

    private SandboxServer start(SandboxSettings settings) {
        sandbox = new SandboxServer(0, settings, new SandboxStore(Clock.systemUTC()), json);
        return sandbox;
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private HttpResponse<String> postEmail(String query, String to) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl("voipbin") + "/emails" + query))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"destinations": [{"type": "email", "target": "%s"}], "subject": "Hi", "content": "Hello"}""".formatted(to)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    @Nested
    class Voipbin {

        @Test
        void createsAnEmailAndListsItNewestFirstPageByPage() throws Exception {
            start(SandboxSettings.plain(Duration.ofMillis(200)));
            for (int i = 0; i < 25; i++) {
                assertThat(postEmail("", "reader" + i + "@example.com").statusCode()).isEqualTo(200);
            }
            Set<String> seen = new HashSet<>();
            List<String> order = new ArrayList<>();
            String token = "";
            do {
                JsonNode page = get(sandbox.baseUrl("voipbin") + "/emails?page_size=10"
                        + (token.isEmpty() ? "" : "&page_token=" + token.replace(" ", "%20")));
                page.path("result").forEach(email -> {
                    seen.add(email.path("id").asString());
                    order.add(email.path("destinations").get(0).path("target").asString());
                });
                token = page.path("next_page_token").asString();
            } while (!token.isEmpty());
            assertThat(seen).hasSize(25);
            assertThat(order.get(0)).isEqualTo("reader24@example.com");
            assertThat(order.get(24)).isEqualTo("reader0@example.com");
        }

        @Test
        void refusesABodyTheApiWouldRefuse() throws Exception {
            start(SandboxSettings.plain(Duration.ofMillis(200)));
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl("voipbin") + "/messages"))
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"source": {"type": "tel", "target": "555-1234"}, "destinations": [{"type": "tel", "target": "+12025551001"}], "text": "Hi"}"""))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.body()).contains("source: an E.164 number is required");
            assertThat(sandbox.store().created(message -> true)).isEmpty();
        }

        @Test
        void demandsTheConfiguredToken() throws Exception {
            start(new SandboxSettings(Duration.ZERO, Duration.ofMillis(200), "t0k", null, 0, 0, 0, 0, 0, Duration.ofSeconds(1), null, 0, null));
            assertThat(postEmail("", "ann@example.com").statusCode()).isEqualTo(401);
            assertThat(postEmail("?token=t0k", "ann@example.com").statusCode()).isEqualTo(200);
            assertThat(postEmail("?accesskey=t0k", "ann@example.com").statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class Faults {

        @Test
        void answers429WithRetryAfterAboveTheRateLimit() throws Exception {
            start(new SandboxSettings(Duration.ZERO, Duration.ofMillis(200), null, null, 0, 3, 0, 0, 0, Duration.ofSeconds(1), null, 0, null));
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> answer = postEmail("", "ann" + i + "@example.com");
                statuses.add(answer.statusCode());
                if (answer.statusCode() == 429) {
                    assertThat(answer.headers().firstValue("Retry-After")).contains("1");
                }
            }
            assertThat(statuses).contains(429);
            assertThat(sandbox.store().created(message -> true)).hasSize((int) statuses.stream().filter(s -> s == 200).count());
        }

        @Test
        void aServerErrorCreatesNothing() throws Exception {
            start(new SandboxSettings(Duration.ZERO, Duration.ofMillis(200), null, null, 1.0, 0, 0, 0, 0, Duration.ofSeconds(1), null, 0, null));
            assertThat(postEmail("", "ann@example.com").statusCode()).isEqualTo(500);
            assertThat(sandbox.store().created(message -> true)).isEmpty();
        }

        @Test
        void aResetAnswersNothingAndCreatesNothing() {
            start(new SandboxSettings(Duration.ZERO, Duration.ofMillis(200), null, null, 0, 0, 1.0, 0, 0, Duration.ofSeconds(1), null, 0, null));
            assertThatThrownBy(() -> postEmail("", "ann@example.com")).isInstanceOf(IOException.class);
            assertThat(sandbox.store().created(message -> true)).isEmpty();
        }

        @Test
        void readsFailAndAreDroppedAsCreatesAre() throws Exception {
            start(new SandboxSettings(Duration.ZERO, Duration.ofMillis(200), null, null, 1.0, 0, 0, 0, 0, Duration.ofSeconds(1), null, 0, null));
            assertThat(http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl("voipbin") + "/emails?page_size=10")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(500);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl("infobip") + "/email/1/logs")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(500);
            sandbox.close();

            start(new SandboxSettings(Duration.ZERO, Duration.ofMillis(200), null, null, 0, 0, 1.0, 0, 0, Duration.ofSeconds(1), null, 0, null));
            assertThatThrownBy(() -> get(sandbox.baseUrl("voipbin") + "/emails?page_size=10")).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> get(sandbox.baseUrl("infobip") + "/email/1/reports")).isInstanceOf(IOException.class);
        }

        @Test
        void aLateCreateAnswersNothingAndTheListingShowsItsMessageLater() throws Exception {
            start(new SandboxSettings(Duration.ZERO, Duration.ofMillis(200), null, null, 0, 0, 0, 0, 1.0, Duration.ofMillis(300), null, 0, null));
            assertThatThrownBy(() -> postEmail("", "ann@example.com")).isInstanceOf(IOException.class);
            assertThat(sandbox.store().created(message -> true)).as("not yet: the client has given up").isEmpty();

            Instant deadline = Instant.now().plusSeconds(10);
            while (sandbox.store().created(message -> true).isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertThat(get(sandbox.baseUrl("voipbin") + "/emails?page_size=10").path("result").get(0)
                    .path("destinations").get(0).path("target").asString()).isEqualTo("ann@example.com");
        }

        @Test
        void aSpentBalanceIsAnsweredWithVoipbinsErrorEnvelopeAndCreatesNothing() throws Exception {
            start(new SandboxSettings(Duration.ZERO, Duration.ofMillis(200), null, null, 0, 0, 0, 0, 0, Duration.ofSeconds(1), 2L, 0, null));
            assertThat(postEmail("", "ann@example.com").statusCode()).isEqualTo(200);
            assertThat(postEmail("", "bob@example.com").statusCode()).isEqualTo(200);
            HttpResponse<String> spent = postEmail("", "cy@example.com");
            assertThat(spent.statusCode()).isEqualTo(402);
            JsonNode error = json.readTree(spent.body()).path("error");
            assertThat(error.path("status").asString()).isEqualTo("PAYMENT_REQUIRED");
            assertThat(error.path("reason").asString()).isEqualTo("INSUFFICIENT_BALANCE");
            assertThat(sandbox.store().created(message -> true)).hasSize(2);
        }

        @Test
        void reportAndLogReadsAboveTheReadLimitAreRefused() throws Exception {
            start(new SandboxSettings(Duration.ZERO, Duration.ofMillis(200), null, null, 0, 0, 0, 0, 0, Duration.ofSeconds(1), null, 2, null));
            List<Integer> answers = new ArrayList<>();
            for (String path : List.of("/email/1/reports", "/email/1/logs", "/email/1/reports")) {
                answers.add(http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl("infobip") + path)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
            }
            assertThat(answers).as("two reads a minute, every reader together").containsExactly(200, 200, 429);
            assertThat(postEmail("", "ann@example.com").statusCode()).as("sends are not reads").isEqualTo(200);
        }

        @Test
        void aLostAnswerCreatesTheMessageButAnswersNothing() {
            start(new SandboxSettings(Duration.ZERO, Duration.ofMillis(200), null, null, 0, 0, 0, 1.0, 0, Duration.ofSeconds(1), null, 0, null));
            assertThatThrownBy(() -> postEmail("", "ann@example.com")).isInstanceOf(IOException.class);
            assertThat(sandbox.store().created(message -> true)).extracting(SandboxMessage::to).containsExactly("ann@example.com");
        }
    }

    @Nested
    class Infobip {

        private HttpResponse<String> send(String authorization, String to) throws IOException, InterruptedException {
            String boundary = "b0undary";
            String body = part(boundary, "from", "Example News <news@example.com>")
                    + part(boundary, "to", "{\"to\": \"" + to + "\", \"messageId\": \"our-" + to + "\"}")
                    + part(boundary, "subject", "Hi") + part(boundary, "html", "<p>Hi</p>")
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"guide.pdf\"\r\n"
                    + "Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--" + boundary + "--\r\n";
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl("infobip") + "/email/3/send"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        private String part(String boundary, String name, String value) {
            return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
        }

        @Test
        void sendsWithOurMessageIdAndKeepsTheAttachment() throws Exception {
            start(new SandboxSettings(Duration.ZERO, Duration.ofMillis(200), null, "k3y", 0, 0, 0, 0, 0, Duration.ofSeconds(1), null, 0, null));
            assertThat(send(null, "ann@example.com").statusCode()).isEqualTo(401);

            HttpResponse<String> answer = send("App k3y", "ann@example.com");

            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode message = json.readTree(answer.body()).path("messages").get(0);
            assertThat(message.path("messageId").asString()).isEqualTo("our-ann@example.com");
            assertThat(message.path("status").path("groupName").asString()).isEqualTo("PENDING");
            SandboxMessage stored = sandbox.store().created(m -> true).get(0);
            assertThat(stored.fields().get("attachment")).containsExactly("guide.pdf");
            assertThat(stored.from()).isEqualTo("Example News <news@example.com>");
        }

        @Test
        void returnsEachDeliveryReportOnceButLogsAgain() throws Exception {
            start(SandboxSettings.plain(Duration.ZERO));
            send(null, "ann@example.com");
            send(null, "bounce@example.com");

            JsonNode first = get(sandbox.baseUrl("infobip") + "/email/1/reports?limit=10").path("results");
            JsonNode second = get(sandbox.baseUrl("infobip") + "/email/1/reports?limit=10").path("results");
            JsonNode logs = get(sandbox.baseUrl("infobip") + "/email/1/logs?messageId=our-bounce@example.com").path("results");

            assertThat(first).hasSize(2);
            assertThat(first.get(1).path("status").path("groupName").asString()).isEqualTo("UNDELIVERABLE");
            assertThat(second).isEmpty();
            assertThat(logs).hasSize(1);
            assertThat(logs.get(0).path("to").asString()).isEqualTo("bounce@example.com");
        }
    }
}
