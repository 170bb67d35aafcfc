package com.campaignsender.serve;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.LedgerLine;
import com.campaignsender.ledger.LedgerReadings;
import com.campaignsender.ledger.LedgerRows;
import com.campaignsender.recipients.SuppressionList;
import com.campaignsender.sandbox.SandboxServer;
import com.campaignsender.operate.CampaignRunner;
import com.campaignsender.operate.RunOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMS STOP (SPEC section 15), end to end over HTTP: a recipient's STOP reaches the VoIPBIN
 * webhook (pushed by the sandbox, as VoIPBIN pushes it), the next SMS campaign rejects that
 * number, and their START lets the one after send to it again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=servlet", "campaign.server.webhook-secret=stop-secret-0123456789abcdef",
        "campaign.sandbox.webhook-secret=" + SmsStopTests.WEBHOOK_SECRET,
        "campaign.providers.voipbin.webhook-secret=" + SmsStopTests.WEBHOOK_SECRET })
// Its own database: the suppression list is state other classes must not see.
@DirtiesContext
class SmsStopTests {

    /** The VoIPBIN account's webhook secret, which the sandbox signs with as VoIPBIN does. */
    static final String WEBHOOK_SECRET = "5f2c1a9e7b3d4c6f8a0b1c2d3e4f5a6b";
    private static final String AMSTERDAM = "+31612345678";
    private static final String NEW_YORK = "+12125552002";

    @TempDir
    Path dir;

    @LocalServerPort
    private int port;

    @Autowired
    private CampaignRunner runner;

    @Autowired
    private LedgerReadings ledger;

    @Autowired
    private SuppressionList suppression;

    @Autowired
    private SandboxServer sandbox;

    @Autowired
    private JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private String webhook() {
        return "http://127.0.0.1:" + port + "/webhooks/voipbin/stop-secret-0123456789abcdef";
    }

    /** A recipient's text as VoIPBIN pushes it: the Message object, direction inbound, enveloped and signed. */
    private JsonNode pushed(String from, String text, String id) throws Exception {
        HttpResponse<String> answer = push(inbound(from, text, id), WEBHOOK_SECRET);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private static String inbound(String from, String text, String id) {
        return """
                {"type": "message_created", "data": {"id": "%s", "type": "sms", "source": {"type": "tel", "target": "%s"},
                 "targets": [{"destination": {"type": "tel", "target": "+15551234567"}, "status": "received", "parts": 1}],
                 "text": "%s", "direction": "inbound", "tm_create": "2026-12-01 20:00:00.000000"}}""".formatted(id, from, text);
    }

    /** Signed with {@code secret} (null: unsigned), as written in VoIPBIN's docs: sha256=<hex HMAC-SHA256 of the raw body>. */
    private HttpResponse<String> push(String body, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhook())).header("Content-Type", "application/json");
        if (secret != null) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            request.header("X-VoIPBIN-Signature", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8))));
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The same text through the sandbox, which plays the provider pushing it. */
    private JsonNode textedThroughTheSandbox(String from, String text) throws Exception {
        String request = json.writeValueAsString(Map.of("source", from, "text", text, "webhook", webhook()));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/inbound"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private RunOutcome smsCampaign(String list, String... numbers) throws Exception {
        Files.writeString(dir.resolve("text.ftl"), "Hi ${name}, your appointment is tomorrow. Reply STOP to opt out.");
        StringBuilder rows = new StringBuilder("phone,name\n");
        for (String number : numbers) {
            rows.append(number).append(",Reader of ").append(list).append("\n");
        }
        Files.writeString(dir.resolve(list + ".csv"), rows);
        Path job = Files.writeString(dir.resolve("reminders.yml"), String.join("\n", List.of("name: stop-reminders",
                "channel: sms", "provider: voipbin", "sender: { address: \"+15551234567\" }",
                "recipients: { file: " + list + ".csv, address-column: phone }", "template: { text: text.ftl }",
                "reconcile: { poll-interval: 200ms, timeout: 1m }")));
        return runner.run(job, Optional.empty());
    }

    private Map<Integer, LedgerLine> rows(RunOutcome outcome) {
        return LedgerRows.of(ledger, outcome.run().id());
    }

    @Test
    void aStopKeepsTheNumberOutOfTheNextCampaignAndAStartLetsItBackIn() throws Exception {
        JsonNode stop = textedThroughTheSandbox(AMSTERDAM, " Stop ");
        assertThat(stop.path("webhook_status").asInt()).isEqualTo(200);
        assertThat(stop.path("message").path("direction").asString()).isEqualTo("inbound");
        SuppressionList.Entry entry = suppression.find(List.of(AMSTERDAM)).get(AMSTERDAM);
        assertThat(entry.reason()).isEqualTo(SuppressionList.Reason.STOP);

        Map<Integer, LedgerLine> stopped = rows(smsCampaign("monday", AMSTERDAM, NEW_YORK));
        assertThat(stopped.get(1).state()).isEqualTo(DeliveryState.REJECTED);
        assertThat(stopped.get(1).error()).startsWith("suppressed: stop (texted STOP to the voipbin account");
        assertThat(stopped.get(2).state()).isEqualTo(DeliveryState.DELIVERED);

        assertThat(pushed(AMSTERDAM, "start", "in-2").path("inbound").asString()).isEqualTo("RESTARTED");
        assertThat(suppression.find(List.of(AMSTERDAM))).isEmpty();
        Map<Integer, LedgerLine> started = rows(smsCampaign("tuesday", AMSTERDAM, NEW_YORK));
        assertThat(started.get(1).state()).isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    void everyStopWordStopsWhateverItsCaseAndSpacesAndOtherTextsAreRecordedOnly() throws Exception {
        List<String> words = List.of("STOP", "stopall", "Unsubscribe", "  cancel", "E N D", "quit\\n");
        for (int i = 0; i < words.size(); i++) {
            String number = "+3161000000" + i;
            assertThat(pushed(number, words.get(i), "word-" + i).path("inbound").asString()).as(words.get(i)).isEqualTo("STOPPED");
            assertThat(suppression.find(List.of(number))).as(words.get(i)).containsKey(number);
        }

        assertThat(pushed("+31620000000", "Please stop sending me these", "chatty").path("inbound").asString())
                .isEqualTo("IGNORED");
        assertThat(suppression.find(List.of("+31620000000"))).isEmpty();
        assertThat(jdbc.queryForObject("SELECT body FROM inbound_message WHERE message_id = 'chatty'", String.class))
                .isEqualTo("Please stop sending me these");

        assertThat(pushed("+31610000000", "START", "restart-1").path("inbound").asString()).isEqualTo("RESTARTED");
        assertThat(pushed("+31610000000", "STOP", "word-0").path("inbound").asString())
                .as("a STOP delivered again acts once").isEqualTo("REPEATED");
        assertThat(suppression.find(List.of("+31610000000"))).isEmpty();
    }

    @Test
    void aForgedStopOrStartIsRefusedAndChangesNothing() throws Exception {
        assertThat(push(inbound("+31640000000", "STOP", "forged-1"), null).statusCode()).as("unsigned").isEqualTo(401);
        assertThat(push(inbound("+31640000000", "STOP", "forged-2"), "a-guessed-secret").statusCode()).isEqualTo(401);
        assertThat(suppression.find(List.of("+31640000000"))).isEmpty();

        assertThat(pushed("+31640000000", "STOP", "real-1").path("inbound").asString()).isEqualTo("STOPPED");
        assertThat(push(inbound("+31640000000", "START", "forged-3"), null).statusCode()).as("an unsigned START").isEqualTo(401);
        assertThat(suppression.find(List.of("+31640000000"))).as("still stopped").containsKey("+31640000000");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbound_message WHERE message_id LIKE 'forged-%'", Integer.class))
                .as("a refused push is not recorded either").isZero();
    }

    @Test
    void aStartDoesNotLiftASuppressionOfAnotherKind() throws Exception {
        suppression.add(List.of("+31630000000"), SuppressionList.Reason.IMPORT, "import of blocked.csv");
        assertThat(pushed("+31630000000", "UNSTOP", "unstop-1").path("inbound").asString()).isEqualTo("RESTARTED");
        assertThat(suppression.find(List.of("+31630000000"))).containsKey("+31630000000");
    }
}
