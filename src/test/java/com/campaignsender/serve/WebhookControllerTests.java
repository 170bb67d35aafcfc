package com.campaignsender.serve;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import com.campaignsender.send.CampaignRunner;
import com.campaignsender.send.RunOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/** Status changes pushed by the providers, applied to the ledger as they arrive. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=servlet", "campaign.server.webhook-secret=hook-secret" })
// Its own database and web server.
@DirtiesContext
class WebhookControllerTests {

    @LocalServerPort
    private int port;

    @Autowired
    private CampaignRunner runner;

    @Autowired
    private LedgerReadings ledger;

    @Autowired
    private SuppressionList suppression;

    private final HttpClient http = HttpClient.newHttpClient();

    private int post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
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
        assertThat(post("/webhooks/voipbin/hook-secret", bounce)).isEqualTo(200);
        assertThat(post("/webhooks/voipbin/hook-secret", bounce)).as("a replay").isEqualTo(200);
        assertThat(post("/webhooks/voipbin/hook-secret", """
                {"id": "%s", "status": "spamreport", "destinations": [{"type": "email", "target": "%s"}]}""".formatted(alan.providerMessageId(), alan.address())))
                .isEqualTo(200);
        assertThat(post("/webhooks/voipbin/hook-secret", """
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

    @Test
    void anInfobipLateBounceNotificationBouncesADeliveredMessage() throws Exception {
        RunOutcome run = runner.run(Path.of("jobs/newsletter-infobip.yml"), Optional.empty());
        LedgerLine first = rows(run).get(1);
        assertThat(first.state()).isEqualTo(DeliveryState.DELIVERED);

        assertThat(post("/webhooks/infobip/hook-secret", """
                {"notificationType": "LATE_BOUNCE", "eventId": "e-1", "domain": "example.net", "recipient": "%s",
                 "sendDateTime": 1700000000000, "messageId": "%s", "bulkId": "%s"}""".formatted(first.address(),
                first.providerMessageId(), first.providerMessageId()))).isEqualTo(200);

        assertThat(rows(run).get(1).state()).isEqualTo(DeliveryState.BOUNCED);
        assertThat(suppression.find(List.of(first.address()))).containsKey(first.address());
    }

    @Test
    void withoutTheSecretTheWebhookIsNotThere() throws Exception {
        assertThat(post("/webhooks/voipbin/guess", "{}")).isEqualTo(404);
        assertThat(post("/webhooks/infobip/", "{}")).isIn(404, 405);
    }
}
