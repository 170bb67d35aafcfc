package com.campaignsender.serve;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.LedgerLine;
import com.campaignsender.ledger.LedgerReadings;
import com.campaignsender.ledger.LedgerRows;
import com.campaignsender.recipients.SuppressionList;
import com.campaignsender.operate.CampaignRunner;
import com.campaignsender.operate.RunOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Status changes pushed by the providers, applied to the ledger as they arrive, only when the
 * push carries the account's webhook credential: VoIPBIN's signature, Infobip's Basic authentication.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=servlet", "campaign.server.webhook-secret=hook-secret-0123456789abcdef",
        "campaign.providers.voipbin.webhook-secret=" + WebhookControllerTests.VOIPBIN_SECRET,
        "campaign.providers.infobip.webhook-username=infobip-hooks", "campaign.providers.unsigned.type=voipbin",
        "campaign.providers.infobip.webhook-password=" + WebhookControllerTests.INFOBIP_PASSWORD })
// Its own database and web server.
@DirtiesContext
class WebhookControllerTests {

    static final String VOIPBIN_SECRET = "0123456789abcdef0123456789abcdef";
    static final String INFOBIP_PASSWORD = "s3cret-pa55";
    private static final String INFOBIP_AUTHORIZATION = "Basic " + Base64.getEncoder()
            .encodeToString(("infobip-hooks:" + INFOBIP_PASSWORD).getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    private int port;

    @Autowired
    private CampaignRunner runner;

    @Autowired
    private LedgerReadings ledger;

    @Autowired
    private SuppressionList suppression;

    private final HttpClient http = HttpClient.newHttpClient();

    private int post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** As VoIPBIN pushes: the object in its envelope, signed with the account's webhook secret. */
    private int pushVoipbin(String type, String object) throws Exception {
        String body = "{\"type\": \"" + type + "\", \"data\": " + object + "}";
        return post("/webhooks/voipbin/hook-secret-0123456789abcdef", body, "X-VoIPBIN-Signature", signature(VOIPBIN_SECRET, body));
    }

    /** Written here from VoIPBIN's description, not taken from the product: sha256=<hex HMAC-SHA256 of the raw body>. */
    private static String signature(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private Map<Integer, LedgerLine> rows(RunOutcome outcome) {
        return LedgerRows.of(ledger, outcome.run().id());
    }

    @Test
    void aVoipbinLateBounceAndComplaintReachTheLedgerAndTheSuppressionList() throws Exception {
        RunOutcome run = runner.run(Path.of("jobs/welcome-email.yml"), Optional.empty());
        LedgerLine grace = rows(run).get(1);
        LedgerLine alan = rows(run).get(2);
        assertThat(grace.state()).isEqualTo(DeliveryState.DELIVERED);

        String bounce = """
                {"id": "%s", "status": "bounce", "destinations": [{"type": "email", "target": "%s"}]}""".formatted(grace.providerMessageId(), grace.address());
        assertThat(pushVoipbin("email_updated", bounce)).isEqualTo(200);
        assertThat(pushVoipbin("email_updated", bounce)).as("a replay").isEqualTo(200);
        assertThat(pushVoipbin("email_updated", """
                {"id": "%s", "status": "delivered", "destinations": [{"type": "email", "target": "%s"}]}""".formatted(grace.providerMessageId(), grace.address())))
                .as("a delivery after the bounce: states only move forward").isEqualTo(200);
        assertThat(pushVoipbin("email_updated", """
                {"id": "%s", "status": "spamreport", "destinations": [{"type": "email", "target": "%s"}]}""".formatted(alan.providerMessageId(), alan.address())))
                .isEqualTo(200);
        assertThat(pushVoipbin("email_updated", """
                {"id": "not-ours", "status": "bounce", "destinations": [{"type": "email", "target": "x@example.com"}]}"""))
                .as("an unknown id").isEqualTo(200);

        Map<Integer, LedgerLine> after = rows(run);
        assertThat(after.get(1).state()).isEqualTo(DeliveryState.BOUNCED);
        assertThat(after.get(2).state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(after.get(2).providerStatus()).isEqualTo("spamreport");
        assertThat(suppression.find(List.of(grace.address(), alan.address(), "x@example.com")))
                .containsOnlyKeys(grace.address(), alan.address());
        assertThat(suppression.find(List.of(alan.address())).get(alan.address()).reason())
                .isEqualTo(SuppressionList.Reason.COMPLAINT);
    }

    /** A status names its message by id; the address it claims is not believed: suppression takes the ledger's. */
    @Test
    void aBounceNamingAnotherAddressSuppressesOnlyTheAddressTheMessageWentTo() throws Exception {
        RunOutcome run = runner.run(Path.of("jobs/welcome-email.yml"), Optional.empty());
        Map<Integer, LedgerLine> before = rows(run);
        LedgerLine third = before.get(3);

        assertThat(pushVoipbin("email_updated", """
                {"id": "%s", "status": "bounce", "destinations": [{"type": "email", "target": "victim@example.org"}]}"""
                .formatted(third.providerMessageId()))).isEqualTo(200);

        assertThat(rows(run).get(3).state()).isEqualTo(DeliveryState.BOUNCED);
        assertThat(suppression.find(List.of("victim@example.org", third.address()))).containsOnlyKeys(third.address());
        assertThat(rows(run).values()).filteredOn(line -> line.row() != 3)
                .allSatisfy(line -> assertThat(line.state()).isEqualTo(before.get(line.row()).state()));
    }

    /** Without a webhook-secret the account's pushes cannot be told from a forger's: a STOP there opts no one out. */
    @Test
    void aStopOnAnAccountWithoutAWebhookCredentialIsIgnored() throws Exception {
        String body = """
                {"type": "message_created", "data": {"id": "in-1", "type": "sms", "source": {"type": "tel", "target": "+15551230077"},
                 "targets": [{"destination": {"type": "tel", "target": "+15550001111"}, "status": "received", "parts": 1}], "text": "STOP",
                 "direction": "inbound", "tm_create": "2026-12-01 20:00:00.000000"}}""";
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/webhooks/unsigned/hook-secret-0123456789abcdef"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"inbound\":\"IGNORED\"");
        assertThat(suppression.find(List.of("+15551230077"))).isEmpty();
    }

    @Test
    void anInfobipLateBounceNotificationBouncesADeliveredMessage() throws Exception {
        RunOutcome run = runner.run(Path.of("jobs/newsletter-infobip.yml"), Optional.empty());
        LedgerLine first = rows(run).get(1);
        assertThat(first.state()).isEqualTo(DeliveryState.DELIVERED);

        String lateBounce = """
                {"notificationType": "LATE_BOUNCE", "eventId": "e-1", "domain": "example.net", "recipient": "%s",
                 "sendDateTime": 1700000000000, "messageId": "%s", "bulkId": "%s"}""".formatted(first.address(),
                first.providerMessageId(), first.providerMessageId());
        assertThat(post("/webhooks/infobip/hook-secret-0123456789abcdef", lateBounce)).as("without the profile's credentials").isEqualTo(401);
        assertThat(post("/webhooks/infobip/hook-secret-0123456789abcdef", lateBounce, "Authorization", "Basic "
                + Base64.getEncoder().encodeToString("infobip-hooks:guess".getBytes(StandardCharsets.UTF_8))))
                .as("a wrong password").isEqualTo(401);
        assertThat(rows(run).get(1).state()).as("nothing applied").isEqualTo(DeliveryState.DELIVERED);

        assertThat(post("/webhooks/infobip/hook-secret-0123456789abcdef", lateBounce, "Authorization", INFOBIP_AUTHORIZATION)).isEqualTo(200);

        assertThat(rows(run).get(1).state()).isEqualTo(DeliveryState.BOUNCED);
        assertThat(suppression.find(List.of(first.address()))).containsKey(first.address());
    }

    @Test
    void aForgedVoipbinPushChangesNothing() throws Exception {
        RunOutcome run = runner.run(Path.of("jobs/welcome-email.yml"), Optional.empty());
        // A row no other test here pushes for (the job's run is the same run in every test of this class).
        LedgerLine grace = rows(run).get(3);
        assertThat(grace.state()).isEqualTo(DeliveryState.DELIVERED);
        String body = """
                {"type": "email_updated", "data": {"id": "%s", "status": "bounce",
                 "destinations": [{"type": "email", "target": "%s"}]}}""".formatted(grace.providerMessageId(), grace.address());

        assertThat(post("/webhooks/voipbin/hook-secret-0123456789abcdef", body)).as("unsigned").isEqualTo(401);
        assertThat(post("/webhooks/voipbin/hook-secret-0123456789abcdef", body, "X-VoIPBIN-Signature", signature("another-secret", body)))
                .as("signed with another key").isEqualTo(401);
        assertThat(post("/webhooks/voipbin/hook-secret-0123456789abcdef", body, "X-VoIPBIN-Signature",
                signature(VOIPBIN_SECRET, body.replace("bounce", "delivered")))).as("the signature of another body").isEqualTo(401);
        assertThat(post("/webhooks/voipbin/hook-secret-0123456789abcdef", body, "X-VoIPBIN-Signature",
                signature(VOIPBIN_SECRET, body).toUpperCase())).as("a signature not as VoIPBIN writes it").isEqualTo(401);

        assertThat(rows(run).get(3).state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(suppression.find(List.of(grace.address()))).isEmpty();
    }

    @Test
    void aBareObjectIsNotWhatVoipbinSends() throws Exception {
        String bare = "{\"id\": \"x\", \"status\": \"bounce\"}";
        assertThat(post("/webhooks/voipbin/hook-secret-0123456789abcdef", bare, "X-VoIPBIN-Signature", signature(VOIPBIN_SECRET, bare)))
                .isEqualTo(400);
    }

    @Test
    void withoutTheSecretOrForAnotherAccountTheWebhookIsNotThere() throws Exception {
        assertThat(post("/webhooks/voipbin/guess", "{}")).isEqualTo(404);
        assertThat(post("/webhooks/infobip/", "{}")).isIn(404, 405);
        assertThat(post("/webhooks/nobody/hook-secret-0123456789abcdef", "{}")).isEqualTo(404);
    }
}
